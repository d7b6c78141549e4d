package dev.once.redis;

import dev.once.redis.testing.RedisCluster;
import dev.once.redis.testing.RedisServer;
import dev.once.spi.TimeSource;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/**
 * Stores over the JVM's shared test servers, each with a key prefix of its own (so tests sharing a
 * server do not see each other's records), on clients shared by the JVM.
 */
final class Stores {

  private static RedisClient singleClient;
  private static RedisClusterClient clusterClient;

  private Stores() {}

  /** The shared server's client (Once's default client), created on first use. */
  static synchronized RedisClient singleClient() {
    if (singleClient == null) {
      singleClient = RedisStore.defaultClient(RedisServer.shared().uri());
    }
    return singleClient;
  }

  /** The shared cluster's client (Once's default cluster client), created on first use. */
  static synchronized RedisClusterClient clusterClient() {
    if (clusterClient == null) {
      clusterClient = RedisStore.defaultClusterClient(RedisCluster.shared().uris());
    }
    return clusterClient;
  }

  /** A store on the shared server, on the caller's clock, under a fresh key prefix. */
  static RedisStore single() {
    return builder(singleClient()).timeSource(TimeSource.CALLER).build();
  }

  /** A store on the shared cluster, on the caller's clock, under a fresh key prefix. */
  static RedisStore cluster() {
    return builder(clusterClient()).timeSource(TimeSource.CALLER).build();
  }

  /** A builder on {@code client} with a fresh key prefix. */
  static RedisStore.Builder builder(redis.clients.jedis.UnifiedJedis client) {
    return RedisStore.builder().client(client).keyPrefix("test-" + UUID.randomUUID() + ":");
  }
}
