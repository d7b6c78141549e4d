package dev.once.redis.internal;

import java.util.List;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Runs the store's scripts through a Jedis client: by SHA ({@code EVALSHA}), and on {@code
 * NOSCRIPT} (a restarted or flushed server, a failover to a replica that never saw the script) by
 * text with {@code EVAL}, which runs the script and caches it again in one round trip. Errors are
 * left to the caller to translate. Not API; thread-safe as the client is.
 */
public final class ScriptCalls {

  private final UnifiedJedis client;
  // RESP2 and RESP3 replies of these commands (EVALSHA, WAIT, SCAN) read the same.
  private final CommandObjects commands = new CommandObjects(RedisProtocol.RESP2);

  /**
   * Runs scripts through {@code client}.
   *
   * @param client a standalone, sentinel or cluster client
   */
  public ScriptCalls(UnifiedJedis client) {
    this.client = client;
  }

  /**
   * Runs {@code script} on {@code key} with {@code args}; one round trip, two on NOSCRIPT.
   *
   * @param script the script to run
   * @param key the Redis key, the script's only {@code KEYS} entry
   * @param args the script's {@code ARGV}
   * @return the script's reply as the client decodes it
   */
  public Object run(Scripts.Script script, byte[] key, List<byte[]> args) {
    List<byte[]> keys = List.of(key);
    try {
      return client.evalsha(script.sha(), keys, args);
    } catch (JedisNoScriptException e) {
      return client.eval(script.text(), keys, args);
    }
  }

  /**
   * Runs {@code script} and then {@code WAIT replicas timeout} on the same connection — WAIT counts
   * the replicas that acknowledged this connection's own writes, so on another connection of a pool
   * it would prove nothing.
   *
   * @param script the script to run
   * @param key the Redis key, the script's only {@code KEYS} entry
   * @param args the script's {@code ARGV}
   * @param replicas how many replicas must acknowledge
   * @param timeoutMillis how long {@code WAIT} blocks at most, in milliseconds; 0 blocks forever
   * @return the script's reply, and the number of replicas that acknowledged
   */
  public Replicated runAndWait(
      Scripts.Script script, byte[] key, List<byte[]> args, int replicas, long timeoutMillis) {
    List<byte[]> keys = List.of(key);
    try (Connection connection = connectionFor(key)) {
      Object reply;
      try {
        reply = connection.executeCommand(commands.evalsha(script.sha(), keys, args));
      } catch (JedisNoScriptException e) {
        reply = connection.executeCommand(commands.eval(script.text(), keys, args));
      }
      long acknowledged = connection.executeCommand(commands.waitReplicas(replicas, timeoutMillis));
      return new Replicated(reply, acknowledged);
    }
  }

  /** A script's reply and the replicas that acknowledged its writes. */
  public record Replicated(Object reply, long acknowledged) {}

  /**
   * Whether {@link #runAndWait} can pin a connection of this kind of client.
   *
   * @param client the store's client
   * @return true for standalone, cluster and sentinel clients
   */
  public static boolean canPinConnections(UnifiedJedis client) {
    return client instanceof RedisClient
        || client instanceof RedisClusterClient
        || client instanceof RedisSentinelClient;
  }

  private Connection connectionFor(byte[] key) {
    if (client instanceof RedisClusterClient cluster) {
      return cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(key));
    }
    if (client instanceof RedisClient single) {
      return single.getPool().getResource();
    }
    if (client instanceof RedisSentinelClient sentinel) {
      return sentinel.getPrimaryNodesConnectionMap().values().iterator().next().getResource();
    }
    throw new IllegalStateException(
        "waiting for replicas needs a RedisClient, RedisClusterClient or RedisSentinelClient, not a "
            + client.getClass().getName());
  }
}
