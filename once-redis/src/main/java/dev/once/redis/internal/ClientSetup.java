package dev.once.redis.internal;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The store's default Jedis clients, set up for Lambda: credentials, database and TLS from the URI,
 * 2 s connect and read timeouts, a pool of up to 8 connections without JMX registration. Not API:
 * {@code RedisStore.defaultClient} and {@code defaultClusterClient} are.
 */
public final class ClientSetup {

  private ClientSetup() {}

  /**
   * A client for one server.
   *
   * @param uri {@code redis://} or {@code rediss://}, with credentials and database if any
   * @return a new pooled client, owned by the caller
   */
  public static RedisClient standalone(URI uri) {
    return RedisClient.builder()
        .hostAndPort(JedisURIHelper.getHostAndPort(redisUri(uri)))
        .clientConfig(clientConfig(uri))
        .poolConfig(poolConfig())
        .build();
  }

  /**
   * A cluster client from seed nodes; credentials and TLS from the first.
   *
   * @param seeds the seed nodes' URIs; at least one
   * @return a new cluster client, owned by the caller
   * @throws IllegalArgumentException when {@code seeds} is empty
   */
  public static RedisClusterClient cluster(Collection<URI> seeds) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a cluster client needs at least one seed node");
    }
    Set<HostAndPort> nodes = new LinkedHashSet<>();
    seeds.forEach(seed -> nodes.add(JedisURIHelper.getHostAndPort(redisUri(seed))));
    return RedisClusterClient.builder()
        .nodes(nodes)
        .clientConfig(clientConfig(seeds.iterator().next()))
        .poolConfig(poolConfig())
        .build();
  }

  private static URI redisUri(URI uri) {
    if (!JedisURIHelper.isValid(uri)) {
      throw new IllegalArgumentException(
          "not a Redis URI (redis://host:port or rediss://host:port): " + uri);
    }
    return uri;
  }

  private static DefaultJedisClientConfig clientConfig(URI uri) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(2_000)
            .socketTimeoutMillis(2_000)
            .user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri))
            .ssl(JedisURIHelper.isRedisSSLScheme(uri));
    if (JedisURIHelper.hasDbIndex(uri)) {
      config.database(JedisURIHelper.getDBIndex(uri));
    }
    return config.build();
  }

  private static ConnectionPoolConfig poolConfig() {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(8);
    pool.setJmxEnabled(false);
    return pool;
  }
}
