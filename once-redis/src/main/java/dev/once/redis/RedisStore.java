package dev.once.redis;

import dev.once.CorruptRecordException;
import dev.once.StoreException;
import dev.once.redis.internal.ClientSetup;
import dev.once.redis.internal.Failures;
import dev.once.redis.internal.KeyScan;
import dev.once.redis.internal.RecordFields;
import dev.once.redis.internal.ScriptArguments;
import dev.once.redis.internal.ScriptCalls;
import dev.once.redis.internal.Scripts;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.Require;
import dev.once.spi.TimeSource;
import dev.once.spi.WriteOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis / Valkey store: a hash per record under {@code <keyPrefix><key>}, every write one Lua
 * script (acquire, complete, extend, release), called by SHA and loaded again on {@code NOSCRIPT};
 * one round trip each, atomic on the server. Every key is a single key, so the store works
 * unchanged on Redis Cluster ({@link #list} scans every node).
 *
 * <pre>{@code
 * RedisStore store = RedisStore.builder()
 *     .client(RedisStore.defaultClient(URI.create("redis://localhost:6379")))
 *     .build();
 * }</pre>
 *
 * <p>By default the server's clock judges expiry ({@link TimeSource#STORE}: {@code TIME} inside the
 * scripts), so instances with skewed clocks agree. Each record carries a server-side expiry ({@code
 * PEXPIRE}) at its expiration, so Redis deletes finished records itself; an in-progress record's
 * expiry is at least a second past its lease.
 *
 * <p>The store does not own the client: close it yourself (in Lambda, never). Thread-safe as the
 * client is (Jedis' {@code RedisClient} and {@code RedisClusterClient} are). Every client error
 * becomes a {@link StoreException}; a record that cannot be read, a {@link CorruptRecordException}.
 */
public final class RedisStore implements IdempotencyStore {

  /** The largest data Redis takes in one argument by default ({@code proto-max-bulk-len}). */
  private static final int MAX_DATA_BYTES = 512 * 1024 * 1024;

  private final RedisStoreConfig config;
  private final UnifiedJedis client;
  private final String keyPrefix;
  private final TimeSource timeSource;
  private final int replicas;
  private final Duration replicaTimeout;
  private final Scripts scripts;
  private final RecordFields fields;
  private final ScriptCalls calls;

  private RedisStore(RedisStoreConfig config) {
    RedisSettings settings = config.settings();
    this.config = config;
    this.client = settings.client;
    this.keyPrefix = settings.keyPrefix;
    this.timeSource = settings.timeSource;
    this.replicas = settings.replicas;
    this.replicaTimeout = settings.replicaTimeout;
    this.scripts = Scripts.render(settings.fieldNames);
    this.fields = new RecordFields(settings.fieldNames);
    this.calls = new ScriptCalls(client);
  }

  /**
   * A builder; {@link Builder#client} is required.
   *
   * @return a new builder with every default
   */
  public static Builder builder() {
    return new Builder(new RedisSettings());
  }

  /**
   * A builder holding {@code config}'s settings, to derive a variant (another key prefix, say).
   *
   * @param config the settings to start from
   * @return a new builder
   */
  public static Builder builder(RedisStoreConfig config) {
    return new Builder(config.settings());
  }

  /**
   * This store's settings.
   *
   * @return the config it was built with
   */
  public RedisStoreConfig config() {
    return config;
  }

  /**
   * A builder holding this store's settings, to derive a variant: {@code builder(config())}.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return builder(config);
  }

  /**
   * A client for one server (or a primary behind an endpoint such as ElastiCache's), set up for
   * Lambda: user, password, database and TLS ({@code rediss://}) from the URI, 2 s connect and read
   * timeouts, a pool of up to 8 connections without JMX registration. Close it when done (in
   * Lambda, never).
   *
   * @param uri {@code redis://[user:password@]host:port[/database]} or {@code rediss://...}
   * @return a new client, owned by the caller
   * @throws IllegalArgumentException when the URI is not a Redis URI
   */
  public static RedisClient defaultClient(URI uri) {
    return ClientSetup.standalone(uri);
  }

  /**
   * A Redis Cluster client from seed nodes, set up as {@link #defaultClient}: it discovers the
   * other nodes and routes every key to the primary of its slot. Credentials and TLS come from the
   * first URI.
   *
   * @param seeds one or more nodes of the cluster, as {@code redis://} or {@code rediss://} URIs
   * @return a new cluster client, owned by the caller
   * @throws IllegalArgumentException when there is no seed or a URI is not a Redis URI
   */
  public static RedisClusterClient defaultClusterClient(Collection<URI> seeds) {
    return ClientSetup.cluster(seeds);
  }

  @Override
  public AcquireResult acquire(AcquireRequest request) {
    Object reply =
        write(
            "acquire",
            request.key(),
            scripts.acquire(),
            ScriptArguments.acquire(request, timeSource));
    if (reply instanceof List<?> existing) {
      return AcquireResult.existing(fields.fromPairs(request.key(), existing));
    }
    return AcquireResult.acquired();
  }

  @Override
  public WriteOutcome complete(Completion completion) {
    Object reply =
        write(
            "complete",
            completion.key(),
            scripts.complete(),
            ScriptArguments.complete(completion, timeSource));
    return written(reply);
  }

  @Override
  public WriteOutcome extend(LeaseExtension extension) {
    Object reply =
        call(
            "extend",
            extension.key(),
            () ->
                calls.run(
                    scripts.extend(),
                    redisKey(extension.key()),
                    ScriptArguments.extend(extension, timeSource)));
    return written(reply);
  }

  @Override
  public ReleaseOutcome release(String key, String lease) {
    Object reply =
        call(
            "release",
            key,
            () ->
                calls.run(
                    scripts.release(),
                    redisKey(key),
                    List.of(lease.getBytes(StandardCharsets.UTF_8))));
    long outcome = (Long) reply;
    return outcome > 0
        ? ReleaseOutcome.RELEASED
        : outcome == 0 ? ReleaseOutcome.ABSENT : ReleaseOutcome.LEASE_LOST;
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    Map<byte[], byte[]> hash = call("find", key, () -> client.hgetAll(redisKey(key)));
    return fields.fromHash(key, hash);
  }

  @Override
  public boolean purge(String key) {
    return call("purge", key, () -> client.del(redisKey(key))) > 0;
  }

  @Override
  public List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit) {
    Objects.requireNonNull(statuses, "statuses");
    Require.notNegative("limit", limit);
    List<IdempotencyRecord> found = new ArrayList<>();
    if (limit == 0) {
      return found;
    }
    KeyScan scan = new KeyScan(client, keyPrefix);
    call(
        "list",
        null,
        () -> {
          scan.forEach(
              redisKey -> {
                String key =
                    new String(redisKey, StandardCharsets.UTF_8).substring(keyPrefix.length());
                find(key).filter(r -> statuses.contains(r.status())).ifPresent(found::add);
                return found.size() < limit;
              });
          return null;
        });
    return found;
  }

  /** 512 MiB: the largest argument Redis accepts by default ({@code proto-max-bulk-len}). */
  @Override
  public OptionalInt maxDataBytes() {
    return OptionalInt.of(MAX_DATA_BYTES);
  }

  @Override
  public TimeSource timeSource() {
    return timeSource;
  }

  /**
   * The prefix of every Redis key of this store.
   *
   * @return the prefix as configured, possibly empty
   */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * The Redis key of a record: the key prefix, then the record's key.
   *
   * @param key the full idempotency key
   * @return the UTF-8 bytes of the Redis key, a new array
   */
  public byte[] redisKey(String key) {
    return (keyPrefix + key).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RedisStore[keyPrefix=" + keyPrefix + ", timeSource=" + timeSource + "]";
  }

  /** A write that may wait for replicas afterwards. */
  private Object write(String operation, String key, Scripts.Script script, List<byte[]> args) {
    if (replicas == 0) {
      return call(operation, key, () -> calls.run(script, redisKey(key), args));
    }
    ScriptCalls.Replicated result =
        call(
            operation,
            key,
            () ->
                calls.runAndWait(script, redisKey(key), args, replicas, replicaTimeout.toMillis()));
    boolean wrote = !(result.reply() instanceof List<?>) && !Long.valueOf(0).equals(result.reply());
    if (wrote && result.acknowledged() < replicas) {
      throw new StoreException(
          "redis "
              + operation
              + " of "
              + key
              + " was written, but only "
              + result.acknowledged()
              + " of "
              + replicas
              + " replicas acknowledged it within "
              + replicaTimeout.toMillis()
              + " ms",
          key,
          null);
    }
    return result.reply();
  }

  private static WriteOutcome written(Object reply) {
    return Long.valueOf(1).equals(reply) ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
  }

  /** Runs one client call; its errors become a StoreException or a CorruptRecordException. */
  private static <T> T call(String operation, String key, Supplier<T> io) {
    return Failures.translated(operation, key, io);
  }

  /**
   * Builds a {@link RedisStore}. Setters check their value at once and name it; each setting is
   * documented on the {@link RedisStoreConfig} getter of the same name. {@link #build()} has no
   * side effects (no network). Not thread-safe.
   */
  public static final class Builder {
    private final RedisSettings settings;

    private Builder(RedisSettings settings) {
      this.settings = settings;
    }

    /**
     * The Jedis client: a {@code RedisClient} (one server, pooled), a {@code RedisClusterClient}, a
     * {@code RedisSentinelClient} or any {@code UnifiedJedis}. See {@link RedisStore#defaultClient}
     * and {@link RedisStore#defaultClusterClient} for clients set up for Lambda. Required.
     *
     * @param client the client, which the store does not close
     * @return this builder
     */
    public Builder client(UnifiedJedis client) {
      settings.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Put before every record's key, to keep the store's keys apart from others in the same
     * database; see {@link RedisStoreConfig#keyPrefix()}.
     *
     * @param keyPrefix the prefix, which may be empty
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      settings.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * The hash field names; see {@link RedisStoreConfig#fieldNames()}.
     *
     * @param fieldNames the names
     * @return this builder
     */
    public Builder fieldNames(FieldNames fieldNames) {
      settings.fieldNames = Objects.requireNonNull(fieldNames, "fieldNames");
      return this;
    }

    /**
     * Whose clock judges expiry: {@link TimeSource#STORE} (the server's {@code TIME}, so instances
     * with skewed clocks agree) or {@link TimeSource#CALLER} (the engine's clock, so a fake clock
     * drives expiry in tests). See {@link RedisStoreConfig#timeSource()}.
     *
     * @param timeSource the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource timeSource) {
      settings.timeSource = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    /**
     * After an acquire or complete that wrote, waits ({@code WAIT}) until {@code replicas} replicas
     * acknowledged the write, or {@code timeout} passed; fewer acknowledgements fail the call with
     * a {@link StoreException} (after acquire the engine then releases the key). Costs one more
     * round trip per write. Off by default (0 replicas).
     *
     * @param replicas how many replicas, 0 for none
     * @param timeout how long to wait for them; positive unless {@code replicas} is 0
     * @return this builder
     * @throws IllegalArgumentException when replicas is negative or timeout is not positive
     */
    public Builder waitForReplicas(int replicas, Duration timeout) {
      Require.notNegative("replicas", replicas);
      Objects.requireNonNull(timeout, "timeout");
      settings.replicaTimeout = replicas > 0 ? Require.positive("timeout", timeout) : timeout;
      settings.replicas = replicas;
      return this;
    }

    /**
     * The store; the builder can go on to build variants.
     *
     * @return a new store, with its own copy of the settings
     * @throws IllegalStateException when no client was set, or waiting for replicas was asked of a
     *     client whose connections cannot be pinned
     */
    public RedisStore build() {
      settings.checkTogether();
      return new RedisStore(new RedisStoreConfig(settings.copy()));
    }
  }
}
