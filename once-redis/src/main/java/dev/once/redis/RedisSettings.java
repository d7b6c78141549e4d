package dev.once.redis;

import dev.once.redis.internal.ScriptCalls;
import dev.once.spi.Require;
import dev.once.spi.Settings;
import dev.once.spi.TimeSource;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The settings of a {@link RedisStore}, as its builder makes them and {@link RedisStoreConfig}
 * reads them.
 */
final class RedisSettings extends Settings<RedisSettings> {

  UnifiedJedis client;
  String keyPrefix = "once:";
  FieldNames fieldNames = FieldNames.defaults();
  TimeSource timeSource = TimeSource.STORE;
  int replicas;
  Duration replicaTimeout = Duration.ZERO;

  /**
   * Checks the settings that go together.
   *
   * @throws IllegalStateException when no client was set, or waiting for replicas was asked of a
   *     client whose connections cannot be pinned
   */
  void checkTogether() {
    Require.state(client != null, "client is required");
    Require.state(
        replicas == 0 || ScriptCalls.canPinConnections(client),
        "waitForReplicas needs a RedisClient, RedisClusterClient or RedisSentinelClient (WAIT"
            + " must run on the connection that wrote), not a "
            + client.getClass().getName());
  }
}
