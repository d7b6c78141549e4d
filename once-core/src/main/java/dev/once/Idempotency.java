package dev.once;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.Require;
import dev.once.spi.ResultCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Makes work idempotent: every distinct key runs its work once per expiry window, and every
 * duplicate gets the first run's result, without an error.
 *
 * <pre>{@code
 * Idempotency idempotency = Idempotency.builder(store).keyPath("orderId").build();
 * Receipt receipt = idempotency.call(order, Receipt.class, () -> payments.charge(order));
 * }</pre>
 *
 * <p>Built once by {@link #builder(IdempotencyStore)}, immutable and thread-safe: share one
 * instance per operation. Its settings are readable ({@link #config()}), and a variant is derived
 * from them ({@link #newBuilder()}). The key is taken from each call's input by the configured
 * selector (the whole input by default), hashed, and prefixed by {@link Builder#keyPrefix(String)}.
 *
 * <p>Errors: the work's own exceptions are rethrown unchanged (the key is released first, or the
 * failure stored when declared permanent). Once's own errors are {@link IdempotencyException}s:
 * {@link InProgressException} and {@link StoreException} are retryable; nothing runs when the store
 * cannot be reached.
 */
public final class Idempotency {

  /**
   * The longest {@code expiry}, {@code maxRunTime}, {@code minRunTime} or remaining time accepted:
   * 3650 days. Times are computed from these durations on every call; the bound keeps every such
   * instant, and the local cache's nanosecond counts, far from overflowing.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  private final IdempotencyConfig config;
  private final Engine engine;

  private Idempotency(IdempotencyConfig config, Engine engine) {
    this.config = config;
    this.engine = engine;
  }

  /**
   * A builder over {@code store}; every other setting has a default.
   *
   * @param store where records are kept
   * @return a new builder
   */
  public static Builder builder(IdempotencyStore store) {
    return new Builder(new IdempotencySettings(Objects.requireNonNull(store, "store")));
  }

  /**
   * A builder holding {@code config}'s settings, to derive a variant: each setter replaces the
   * setting it names (a key function may replace a key path, and the reverse).
   *
   * @param config the settings to start from
   * @return a new builder
   */
  public static Builder builder(IdempotencyConfig config) {
    return new Builder(config.settings());
  }

  /**
   * Checks that {@code expression} compiles as a key or validation path ({@link Builder#keyPath},
   * {@link Builder#validationPath}) would, JMESPath with the functions Once adds ({@code
   * powertools_json}, {@code powertools_base64}, {@code powertools_base64_gzip}), without building
   * an instance: for settings read before one is built, such as environment variables. Thread-safe.
   *
   * @param setting the setting's name, for the message
   * @param expression the expression to check
   * @return {@code expression}, checked
   * @throws IllegalArgumentException naming the setting and the expression when it is blank or does
   *     not parse
   */
  public static String checkPath(String setting, String expression) {
    Require.text(setting, expression);
    Selector.check(setting, expression);
    return expression;
  }

  /**
   * This instance's settings.
   *
   * @return the config it was built with
   */
  public IdempotencyConfig config() {
    return config;
  }

  /**
   * A builder holding this instance's settings, to derive a variant: {@code builder(config())}.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return builder(config);
  }

  /**
   * Runs {@code work} once for the key found in {@code input}, or replays the stored result. The
   * call's deadline (its in-progress expiry) is now plus the configured maximum run time.
   *
   * @param <T> the result type
   * @param <E> the checked exception the work may throw
   * @param input what the key (and validation value) is taken from
   * @param type the result type, to decode a stored result
   * @param work the work, run at most once per key and expiry window
   * @return the work's result, or the stored result of the first run
   * @throws E the work's own exception, unchanged
   * @throws IdempotencyException Once's own errors, as listed on the type
   */
  public <T, E extends Exception> T call(Object input, Class<T> type, Work<T, E> work) throws E {
    return engine.call(input, ResultType.of(type), null, work);
  }

  /**
   * As {@link #call(Object, Class, Work)}, for a generic result type.
   *
   * @param <T> the result type
   * @param <E> the checked exception the work may throw
   * @param input what the key (and validation value) is taken from
   * @param type the result type, to decode a stored result
   * @param work the work, run at most once per key and expiry window
   * @return the work's result, or the stored result of the first run
   * @throws E the work's own exception, unchanged
   */
  public <T, E extends Exception> T call(Object input, ResultType<T> type, Work<T, E> work)
      throws E {
    return engine.call(input, type, null, work);
  }

  /**
   * As {@link #call(Object, Class, Work)}, with the caller's remaining time as the deadline: in
   * Lambda, {@code Context.getRemainingTimeInMillis()}.
   *
   * @param <T> the result type
   * @param <E> the checked exception the work may throw
   * @param input what the key (and validation value) is taken from
   * @param type the result type, to decode a stored result
   * @param remainingTime the time left before the caller's own deadline, or {@code null} for none
   *     (the deadline is then now plus the maximum run time, as without this argument)
   * @param work the work, run at most once per key and expiry window
   * @return the work's result, or the stored result of the first run
   * @throws E the work's own exception, unchanged
   * @throws IllegalArgumentException unless {@code remainingTime} is null, or positive and at most
   *     {@link #MAX_DURATION}
   */
  public <T, E extends Exception> T call(
      Object input, Class<T> type, Duration remainingTime, Work<T, E> work) throws E {
    return engine.call(input, ResultType.of(type), checkRemaining(remainingTime), work);
  }

  /**
   * As {@link #call(Object, Class, Duration, Work)}, for a generic result type.
   *
   * @param <T> the result type
   * @param <E> the checked exception the work may throw
   * @param input what the key (and validation value) is taken from
   * @param type the result type, to decode a stored result
   * @param remainingTime the time left before the caller's own deadline, or {@code null} for none
   * @param work the work, run at most once per key and expiry window
   * @return the work's result, or the stored result of the first run
   * @throws E the work's own exception, unchanged
   * @throws IllegalArgumentException unless {@code remainingTime} is null, or positive and at most
   *     {@link #MAX_DURATION}
   */
  public <T, E extends Exception> T call(
      Object input, ResultType<T> type, Duration remainingTime, Work<T, E> work) throws E {
    return engine.call(input, type, checkRemaining(remainingTime), work);
  }

  /**
   * The key a call with {@code input} stores its record under ({@code prefix#digest}): for tools
   * that inspect or purge records, and to tell which inputs are duplicates of each other.
   *
   * @param input a call's input
   * @return the full key
   * @throws MissingKeyException when the input holds no key, whatever the missing-key policy
   * @throws KeyExtractionException when the key selector fails on the input
   */
  public String keyOf(Object input) {
    return engine.keyOf(input);
  }

  /**
   * Runs {@code work} once for the key found in {@code input} inside a transaction the store opens
   * (a {@link dev.once.spi.TransactionalStore}, such as the JDBC store): the work writes its effect
   * through the transaction handle, the completed record is written through the same transaction,
   * and both commit together. A crash before the commit loses both, so the retry runs the work once
   * more and the effect still exists once. The acquisition stays a separate short write.
   *
   * <p>The work throws: the transaction is rolled back, the key released, the exception rethrown
   * unchanged. The lease was lost before the commit: rolled back, {@link LeaseLostException}. The
   * commit's outcome is unknown: {@link CommitOutcomeUnknownException}.
   *
   * @param <C> the store's transaction handle, such as a JDBC {@code Connection}
   * @param <T> the result type
   * @param <E> the checked exception the work may throw
   * @param input what the key (and validation value) is taken from
   * @param type the result type, to decode a stored result
   * @param remainingTime the caller's remaining time, or {@code null} for the maximum run time
   * @param work the work, writing its effect through the transaction it is handed
   * @return the work's result, or the stored result of the first run
   * @throws E the work's own exception, unchanged
   * @throws IllegalStateException when the store is not transactional
   */
  public <C, T, E extends Exception> T callInTransaction(
      Object input, ResultType<T> type, Duration remainingTime, TransactionalWork<C, T, E> work)
      throws E {
    Objects.requireNonNull(work, "work");
    return engine.callInTransaction(input, type, checkRemaining(remainingTime), null, work);
  }

  /**
   * As {@link #callInTransaction(Object, ResultType, Duration, TransactionalWork)}, in a
   * transaction the caller already holds and manages: the completed record is written through it,
   * and the caller commits (or rolls back) both. A call that throws leaves the rollback to the
   * caller.
   *
   * @param <C> the store's transaction handle, such as a JDBC {@code Connection}
   * @param <T> the result type
   * @param <E> the checked exception the work may throw
   * @param input what the key (and validation value) is taken from
   * @param type the result type, to decode a stored result
   * @param remainingTime the caller's remaining time, or {@code null} for the maximum run time
   * @param transaction the caller's open transaction, of the store's transaction type
   * @param work the work, writing its effect through {@code transaction}
   * @return the work's result, or the stored result of the first run
   * @throws E the work's own exception, unchanged
   * @throws IllegalArgumentException when {@code transaction} is not of the store's type
   */
  public <C, T, E extends Exception> T callInTransaction(
      Object input,
      ResultType<T> type,
      Duration remainingTime,
      C transaction,
      TransactionalWork<C, T, E> work)
      throws E {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(work, "work");
    return engine.callInTransaction(input, type, checkRemaining(remainingTime), transaction, work);
  }

  private static Duration checkRemaining(Duration remainingTime) {
    return remainingTime == null
        ? null
        : Require.positive("remainingTime", remainingTime, MAX_DURATION);
  }

  /**
   * {@code function}, made idempotent: the key comes from its input.
   *
   * @param <I> the input type
   * @param <O> the result type
   * @param type the result type, to decode a stored result
   * @param function the function
   * @return a function that runs {@code function} once per key and replays its result
   */
  public <I, O> Function<I, O> decorate(Class<O> type, Function<I, O> function) {
    ResultType<O> resultType = ResultType.of(type);
    Objects.requireNonNull(function, "function");
    return input -> engine.call(input, resultType, null, () -> function.apply(input));
  }

  /**
   * Builds an {@link Idempotency}. Each setter checks its value at once and names it in the error;
   * its setting is documented on the {@link IdempotencyConfig} getter of the same name. A builder
   * started from a config ({@link #builder(IdempotencyConfig)}) replaces what it sets; two settings
   * that exclude each other (a key path and a key function) both made on the same builder conflict.
   * {@link #build()} checks the settings together and has no side effects. Not thread-safe.
   */
  public static final class Builder {
    private final IdempotencySettings settings;
    private final Set<String> made = new HashSet<>();

    private Builder(IdempotencySettings settings) {
      this.settings = settings;
    }

    /**
     * The store; see {@link IdempotencyConfig#store()}.
     *
     * @param store where records are kept
     * @return this builder
     */
    public Builder store(IdempotencyStore store) {
      settings.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The key prefix; see {@link IdempotencyConfig#keyPrefix()}.
     *
     * @param keyPrefix the operation's name
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder keyPrefix(String keyPrefix) {
      settings.keyPrefix = Require.text("keyPrefix", keyPrefix);
      return this;
    }

    /**
     * The key as a JMESPath expression, compiled now, replacing a key function set before; see
     * {@link IdempotencyConfig#keyPath()}.
     *
     * @param keyPath JMESPath over the input's JSON form, with Once's functions
     * @return this builder
     * @throws IllegalArgumentException naming the expression when blank or it does not parse
     * @throws IllegalStateException when a key function was set on this builder
     */
    public Builder keyPath(String keyPath) {
      String checked = checkPath("keyPath", keyPath);
      exclusive("keyPath", "keyFunction", settings.keyFunction == null ? null : "a function");
      settings.keyPath = checked;
      settings.keyFunction = null;
      return this;
    }

    /**
     * The key as a function of the input, replacing a key path set before; see {@link
     * IdempotencyConfig#keyFunction()}.
     *
     * @param keyFunction from the input to the key value (any value with a JSON form)
     * @return this builder
     * @throws IllegalStateException when a key path was set on this builder
     */
    public Builder keyFunction(Function<Object, ?> keyFunction) {
      Objects.requireNonNull(keyFunction, "keyFunction");
      exclusive("keyFunction", "keyPath", quoted(settings.keyPath));
      settings.keyFunction = keyFunction;
      settings.keyPath = null;
      return this;
    }

    /**
     * Turns on payload validation with a JMESPath expression, compiled now, replacing a validation
     * function set before; see {@link IdempotencyConfig#validationPath()}.
     *
     * @param validationPath JMESPath selecting the part a duplicate must repeat
     * @return this builder
     * @throws IllegalArgumentException naming the expression when blank or it does not parse
     * @throws IllegalStateException when a validation function was set on this builder
     */
    public Builder validationPath(String validationPath) {
      String checked = checkPath("validationPath", validationPath);
      exclusive(
          "validationPath",
          "validationFunction",
          settings.validationFunction == null ? null : "a function");
      settings.validationPath = checked;
      settings.validationFunction = null;
      return this;
    }

    /**
     * Turns on payload validation with a function, replacing a validation path set before; see
     * {@link IdempotencyConfig#validationFunction()}.
     *
     * @param validationFunction from the input to the part a duplicate must repeat
     * @return this builder
     * @throws IllegalStateException when a validation path was set on this builder
     */
    public Builder validationFunction(Function<Object, ?> validationFunction) {
      Objects.requireNonNull(validationFunction, "validationFunction");
      exclusive("validationFunction", "validationPath", quoted(settings.validationPath));
      settings.validationFunction = validationFunction;
      settings.validationPath = null;
      return this;
    }

    /**
     * How keys are hashed and results written; see {@link IdempotencyConfig#keyFormat()}. With
     * {@link KeyFormat#POWERTOOLS}, inputs and results go through the object mapper with
     * Powertools' settings on top (properties sorted alphabetically, null properties left out,
     * dates as text), results are never compressed, and failures are never stored: {@code
     * permanentFailures} and {@code compressAbove} then fail {@link #build()}.
     *
     * @param keyFormat {@link KeyFormat#ONCE} or {@link KeyFormat#POWERTOOLS}
     * @return this builder
     */
    public Builder keyFormat(KeyFormat keyFormat) {
      settings.keyFormat = Objects.requireNonNull(keyFormat, "keyFormat");
      return this;
    }

    /**
     * The JDK digest for keys and validation, by name; see {@link
     * IdempotencyConfig#hashAlgorithm()}.
     *
     * @param hashAlgorithm a digest the JDK provides: {@code "SHA-256"}, {@code "MD5"}, …
     * @return this builder
     * @throws IllegalArgumentException naming it when blank or the JDK has no such digest
     */
    public Builder hashAlgorithm(String hashAlgorithm) {
      Require.text("hashAlgorithm", hashAlgorithm);
      settings.hashAlgorithm = KeyHasher.checkAlgorithm(hashAlgorithm);
      return this;
    }

    /**
     * How long a record lasts after its work completes; see {@link IdempotencyConfig#expiry()}.
     *
     * @param expiry the idempotency window
     * @return this builder
     * @throws IllegalArgumentException unless positive and at most {@link #MAX_DURATION}
     */
    public Builder expiry(Duration expiry) {
      settings.expiry = Require.positive("expiry", expiry, MAX_DURATION);
      return this;
    }

    /**
     * The longest lease one grant holds: the lease of calls that pass no remaining time, renewed
     * while their work runs (see {@link #leaseRenewal}). A process that dies holding a key holds it
     * this long at most. See {@link IdempotencyConfig#maxRunTime()}.
     *
     * @param maxRunTime the longest lease
     * @return this builder
     * @throws IllegalArgumentException unless positive and at most {@link #MAX_DURATION}
     */
    public Builder maxRunTime(Duration maxRunTime) {
      settings.maxRunTime = Require.positive("maxRunTime", maxRunTime, MAX_DURATION);
      return this;
    }

    /**
     * The least lease the work must have left when it starts. A call whose remaining time is
     * shorter fails before any write, and a call whose acquisition answered so late that less is
     * left releases the key; both with the retryable {@link LeaseTooShortException}, so the work
     * never runs without a live lease. Must be below {@code maxRunTime}. See {@link
     * IdempotencyConfig#minRunTime()}.
     *
     * @param minRunTime the least lease left when the work starts
     * @return this builder
     * @throws IllegalArgumentException unless positive and at most {@link #MAX_DURATION}
     */
    public Builder minRunTime(Duration minRunTime) {
      settings.minRunTime = Require.positive("minRunTime", minRunTime, MAX_DURATION);
      return this;
    }

    /**
     * Whether long work keeps its lease alive: with no remaining time given (or more than {@code
     * maxRunTime}), the lease lasts {@code maxRunTime} and is extended, conditionally on the lease,
     * each time a third of what is left has passed, until the work ends or the caller's own
     * deadline is reached, never past it. Inside Lambda the lease is the invocation's remaining
     * time, and the deadline stays the hard limit. See {@link IdempotencyConfig#leaseRenewal()}.
     *
     * @param renewLeases true to renew
     * @return this builder
     */
    public Builder leaseRenewal(boolean renewLeases) {
      settings.leaseRenewal = renewLeases;
      return this;
    }

    /**
     * What a call is told when its work ran but its lease was lost before the result was recorded;
     * see {@link IdempotencyConfig#leaseLostPolicy()}.
     *
     * @param leaseLostPolicy throw {@link LeaseLostException}, or return the result
     * @return this builder
     */
    public Builder leaseLostPolicy(LeaseLostPolicy leaseLostPolicy) {
      settings.leaseLostPolicy = Objects.requireNonNull(leaseLostPolicy, "leaseLostPolicy");
      return this;
    }

    /**
     * Where lease renewals are scheduled; see {@link IdempotencyConfig#scheduler()}.
     *
     * @param scheduler runs the renewal sweep
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      settings.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Fail fast or wait when the key is in progress elsewhere; see {@link
     * IdempotencyConfig#inProgressPolicy()}.
     *
     * @param inProgressPolicy the policy
     * @return this builder
     */
    public Builder inProgressPolicy(InProgressPolicy inProgressPolicy) {
      settings.inProgressPolicy = Objects.requireNonNull(inProgressPolicy, "inProgressPolicy");
      return this;
    }

    /**
     * Fail or run unprotected when the input holds no key; see {@link
     * IdempotencyConfig#missingKeyPolicy()}.
     *
     * @param missingKeyPolicy the policy
     * @return this builder
     */
    public Builder missingKeyPolicy(MissingKeyPolicy missingKeyPolicy) {
      settings.missingKeyPolicy = Objects.requireNonNull(missingKeyPolicy, "missingKeyPolicy");
      return this;
    }

    /**
     * Keeps up to {@code maxEntries} finished records in memory; see {@link
     * IdempotencyConfig#localCache()}.
     *
     * @param maxEntries the cache's size, 0 for none
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder localCache(int maxEntries) {
      settings.localCache = Require.notNegative("localCache", maxEntries);
      return this;
    }

    /**
     * The mapper for inputs' JSON form and the default codec; with {@link KeyFormat#POWERTOOLS}, a
     * copy of it with Powertools' settings on top is used. See {@link
     * IdempotencyConfig#objectMapper()}.
     *
     * @param objectMapper the mapper, with the modules your types need
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      settings.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /**
     * The result codec; see {@link IdempotencyConfig#codec()}.
     *
     * @param codec encodes results and decodes them to the declared type
     * @return this builder
     */
    public Builder codec(ResultCodec codec) {
      settings.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Results encoded larger than this many bytes are gzipped; never with {@link
     * KeyFormat#POWERTOOLS}, where setting it fails {@link #build()}. See {@link
     * IdempotencyConfig#compressAbove()}.
     *
     * @param bytes the threshold
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder compressAbove(int bytes) {
      settings.compressAbove = Require.notNegative("compressAbove", bytes);
      return this;
    }

    /**
     * The largest stored result, in bytes after compression; a larger one fails with {@link
     * ResultTooLargeException} and releases the key. See {@link
     * IdempotencyConfig#maxResultBytes()}.
     *
     * @param bytes the limit, at most the store's own
     * @return this builder
     * @throws IllegalArgumentException unless positive
     */
    public Builder maxResultBytes(int bytes) {
      settings.maxResultBytes = Require.positive("maxResultBytes", bytes);
      return this;
    }

    /**
     * Exceptions to store and replay (as {@link StoredFailureException}) instead of releasing the
     * key: failures that a retry cannot fix. Not with {@link KeyFormat#POWERTOOLS} (Powertools
     * cannot read a stored failure), where setting it fails {@link #build()}. See {@link
     * IdempotencyConfig#permanentFailures()}.
     *
     * @param permanentFailures true for an exception to store
     * @return this builder
     */
    public Builder permanentFailures(Predicate<? super Exception> permanentFailures) {
      settings.permanentFailures = Objects.requireNonNull(permanentFailures, "permanentFailures");
      return this;
    }

    /**
     * Transforms every replayed result (from the store or the local cache) before the caller gets
     * it, given the record's facts; a first run's result is returned as computed. See {@link
     * IdempotencyConfig#replayHook()}.
     *
     * @param replayHook the hook
     * @return this builder
     */
    public Builder replayHook(ReplayHook replayHook) {
      settings.replayHook = Objects.requireNonNull(replayHook, "replayHook");
      return this;
    }

    /**
     * Hears what the engine does; see {@link IdempotencyConfig#listener()}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(IdempotencyListener listener) {
      settings.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The clock for leases and expiry; see {@link IdempotencyConfig#clock()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      settings.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How the engine pauses between polls and retries; see {@link IdempotencyConfig#sleeper()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      settings.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Checks the settings together and builds. No network, no environment reads; the builder can go
     * on to build variants.
     *
     * @return a new instance, with its own copy of the settings
     * @throws IllegalStateException naming settings that conflict ({@link KeyFormat#POWERTOOLS}
     *     with permanent failures or a compression threshold)
     * @throws IllegalArgumentException naming a value another setting rules out (a minimum run time
     *     not below the maximum, a result limit above the store's)
     */
    public Idempotency build() {
      settings.checkTogether();
      IdempotencyConfig config = new IdempotencyConfig(settings.copy());
      return new Idempotency(config, new Engine(EngineWiring.of(config.settings())));
    }

    /** Two settings that exclude each other: the other may be replaced unless made here. */
    private void exclusive(String setting, String other, String otherValue) {
      Require.state(
          !made.contains(other),
          setting
              + " conflicts with "
              + other
              + (otherValue == null ? "" : " " + otherValue)
              + ", set on this builder");
      made.add(setting);
    }

    private static String quoted(String path) {
      return path == null ? null : "\"" + path + "\"";
    }
  }
}
