package dev.once.redis;

import dev.once.spi.TimeSource;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The settings of a {@link RedisStore}, readable: {@link RedisStore#config()}. Each getter names
 * its setting's default; the setters of {@link RedisStore.Builder} have the same names. A variant
 * starts from it: {@link RedisStore#builder(RedisStoreConfig)} or {@link RedisStore#newBuilder()}.
 *
 * <p>Immutable and thread-safe; the client it holds is the one that was set, shared with every
 * store built from it.
 */
public final class RedisStoreConfig {

  private final RedisSettings settings;

  RedisStoreConfig(RedisSettings settings) {
    this.settings = settings;
  }

  /** A copy of the settings, for a builder to change. */
  RedisSettings settings() {
    return settings.copy();
  }

  /**
   * The Jedis client the store calls Redis with.
   *
   * @return the client; required, no default
   */
  public UnifiedJedis client() {
    return settings.client;
  }

  /**
   * What every record's Redis key starts with.
   *
   * @return the prefix; default {@code once:}
   */
  public String keyPrefix() {
    return settings.keyPrefix;
  }

  /**
   * The hash field names.
   *
   * @return the names; default {@link FieldNames#defaults()}
   */
  public FieldNames fieldNames() {
    return settings.fieldNames;
  }

  /**
   * Whose clock judges expiry.
   *
   * @return {@link TimeSource#STORE} (the default, the server's {@code TIME}) or {@link
   *     TimeSource#CALLER}
   */
  public TimeSource timeSource() {
    return settings.timeSource;
  }

  /**
   * How many replicas each write waits for.
   *
   * @return the number of replicas; default 0, no waiting
   */
  public int replicas() {
    return settings.replicas;
  }

  /**
   * How long each write waits for its replicas.
   *
   * @return the timeout; zero when not waiting (the default)
   */
  public Duration replicaTimeout() {
    return settings.replicaTimeout;
  }

  /**
   * The settings, for logs.
   *
   * @return the key prefix, field names, time source and replica wait
   */
  @Override
  public String toString() {
    return "RedisStoreConfig[keyPrefix="
        + settings.keyPrefix
        + ", fieldNames="
        + settings.fieldNames
        + ", timeSource="
        + settings.timeSource
        + ", replicas="
        + settings.replicas
        + ", replicaTimeout="
        + settings.replicaTimeout
        + "]";
  }
}
