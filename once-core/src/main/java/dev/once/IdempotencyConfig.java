package dev.once;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.ResultCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The settings of an {@link Idempotency}, readable: {@link Idempotency#config()}. Each getter names
 * its setting's default; the setters of {@link Idempotency.Builder} have the same names.
 *
 * <p>A config exists only as the settings of a built instance, so every setting in it has passed
 * its own check and the checks of {@link Idempotency.Builder#build()}. To derive a variant, start a
 * builder from it: {@link Idempotency#builder(IdempotencyConfig)} (or {@link
 * Idempotency#newBuilder()}), change what differs, build.
 *
 * <p>Immutable and thread-safe. The objects it holds (the store, functions, the listener, the
 * mapper) are the ones that were set, shared with every instance built from it.
 */
public final class IdempotencyConfig {

  private final IdempotencySettings settings;

  IdempotencyConfig(IdempotencySettings settings) {
    this.settings = settings;
  }

  /** A copy of the settings, for a builder to change. */
  IdempotencySettings settings() {
    return settings.copy();
  }

  /**
   * The store records are kept in.
   *
   * @return the store; no default
   */
  public IdempotencyStore store() {
    return settings.store;
  }

  /**
   * The key prefix, naming the operation, so several operations can share a store.
   *
   * @return the prefix; default {@code "once"} (the Lambda integration uses the function name)
   */
  public String keyPrefix() {
    return settings.keyPrefix;
  }

  /**
   * The JMESPath expression over the input's JSON form that selects the key.
   *
   * @return the expression; empty when a key function or the whole input (the default) is the key
   */
  public Optional<String> keyPath() {
    return Optional.ofNullable(settings.keyPath);
  }

  /**
   * The function from the input to the key value.
   *
   * @return the function; empty when a key path or the whole input (the default) is the key
   */
  public Optional<Function<Object, ?>> keyFunction() {
    return Optional.ofNullable(settings.keyFunction);
  }

  /**
   * The JMESPath expression that selects the part of the input a duplicate must repeat.
   *
   * @return the expression; empty when validation is off (the default) or done by a function
   */
  public Optional<String> validationPath() {
    return Optional.ofNullable(settings.validationPath);
  }

  /**
   * The function that selects the part of the input a duplicate must repeat.
   *
   * @return the function; empty when validation is off (the default) or done by a path
   */
  public Optional<Function<Object, ?>> validationFunction() {
    return Optional.ofNullable(settings.validationFunction);
  }

  /**
   * How keys are hashed and results written.
   *
   * @return the format; default {@link KeyFormat#ONCE}
   */
  public KeyFormat keyFormat() {
    return settings.keyFormat;
  }

  /**
   * The JDK digest that hashes keys and validation values.
   *
   * @return the digest's name: the one set, else {@code SHA-256}, or {@code MD5} with {@link
   *     KeyFormat#POWERTOOLS}
   */
  public String hashAlgorithm() {
    return settings.effectiveHashAlgorithm();
  }

  /**
   * How long a record lasts after its work completes.
   *
   * @return the expiry; default one hour
   */
  public Duration expiry() {
    return settings.expiry;
  }

  /**
   * The longest lease one grant holds: the lease of calls that pass no remaining time.
   *
   * @return the maximum run time; default 15 minutes
   */
  public Duration maxRunTime() {
    return settings.maxRunTime;
  }

  /**
   * The least lease the work must have left when it starts.
   *
   * @return the minimum run time; default 200 ms
   */
  public Duration minRunTime() {
    return settings.minRunTime;
  }

  /**
   * Whether long work renews its lease, never past the caller's deadline.
   *
   * @return true (the default) when leases are renewed
   */
  public boolean leaseRenewal() {
    return settings.leaseRenewal;
  }

  /**
   * What a call whose lease was taken over before its result was recorded is told.
   *
   * @return the policy; default {@link LeaseLostPolicy#THROW}
   */
  public LeaseLostPolicy leaseLostPolicy() {
    return settings.leaseLostPolicy;
  }

  /**
   * Where lease renewals are scheduled.
   *
   * @return the scheduler; empty for the default, a daemon thread of each built instance's own
   */
  public Optional<Scheduler> scheduler() {
    return Optional.ofNullable(settings.scheduler);
  }

  /**
   * What a duplicate does when the key is in progress elsewhere.
   *
   * @return the policy; default {@link InProgressPolicy#FAIL_FAST}
   */
  public InProgressPolicy inProgressPolicy() {
    return settings.inProgressPolicy;
  }

  /**
   * What a call does when its input holds no key.
   *
   * @return the policy; default {@link MissingKeyPolicy#FAIL}
   */
  public MissingKeyPolicy missingKeyPolicy() {
    return settings.missingKeyPolicy;
  }

  /**
   * How many finished records are kept in memory.
   *
   * @return the local cache's size; default 0, off
   */
  public int localCache() {
    return settings.localCache;
  }

  /**
   * The mapper for inputs' JSON form and the default codec.
   *
   * @return the mapper set; empty for the default (a plain one with the modules on the class path,
   *     or one as Powertools builds its own with {@link KeyFormat#POWERTOOLS})
   */
  public Optional<ObjectMapper> objectMapper() {
    return Optional.ofNullable(settings.objectMapper);
  }

  /**
   * The result codec.
   *
   * @return the codec set; empty for the default, JSON by Jackson over the mapper
   */
  public Optional<ResultCodec> codec() {
    return Optional.ofNullable(settings.codec);
  }

  /**
   * The size above which encoded results are gzipped.
   *
   * @return the threshold in bytes, default 8 KiB; empty with {@link KeyFormat#POWERTOOLS}, which
   *     never compresses
   */
  public OptionalInt compressAbove() {
    int threshold = settings.compressionThreshold();
    return threshold == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(threshold);
  }

  /**
   * The largest stored result, in bytes after compression.
   *
   * @return the limit set, else the store's own; empty when neither limits it
   */
  public OptionalInt maxResultBytes() {
    int limit = settings.resultLimit();
    return limit == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /**
   * Which exceptions are stored and replayed instead of releasing the key.
   *
   * @return the predicate; empty (the default) when none are
   */
  public Optional<Predicate<? super Exception>> permanentFailures() {
    return Optional.ofNullable(settings.permanentFailures);
  }

  /**
   * What transforms every replayed result.
   *
   * @return the hook; empty (the default) for none
   */
  public Optional<ReplayHook> replayHook() {
    return Optional.ofNullable(settings.replayHook);
  }

  /**
   * Who hears what the engine does.
   *
   * @return the listener; empty (the default) for none
   */
  public Optional<IdempotencyListener> listener() {
    return Optional.ofNullable(settings.listener);
  }

  /**
   * The clock for leases and expiry.
   *
   * @return the clock; default the system UTC clock
   */
  public Clock clock() {
    return settings.clock;
  }

  /**
   * How the engine pauses between polls and retries.
   *
   * @return the sleeper; default {@link Sleeper#SYSTEM}
   */
  public Sleeper sleeper() {
    return settings.sleeper;
  }

  /**
   * The settings, for logs: the store's class, the key prefix and selectors, the format, the times
   * and policies. Functions, listeners and hooks are named by their presence only.
   */
  @Override
  public String toString() {
    return "IdempotencyConfig[store="
        + settings.store.getClass().getSimpleName()
        + ", keyPrefix="
        + settings.keyPrefix
        + ", key="
        + describe(settings.keyPath, settings.keyFunction, "the whole input")
        + ", validation="
        + describe(settings.validationPath, settings.validationFunction, "off")
        + ", keyFormat="
        + settings.keyFormat
        + ", hashAlgorithm="
        + hashAlgorithm()
        + ", expiry="
        + settings.expiry
        + ", maxRunTime="
        + settings.maxRunTime
        + ", minRunTime="
        + settings.minRunTime
        + ", leaseRenewal="
        + settings.leaseRenewal
        + ", leaseLostPolicy="
        + settings.leaseLostPolicy
        + ", inProgressPolicy="
        + settings.inProgressPolicy
        + ", missingKeyPolicy="
        + settings.missingKeyPolicy
        + ", localCache="
        + settings.localCache
        + "]";
  }

  private static String describe(String path, Function<Object, ?> function, String none) {
    if (path != null) {
      return "\"" + path + "\"";
    }
    return function != null ? "a function" : none;
  }
}
