package dev.once;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.internal.DaemonScheduler;
import dev.once.internal.Engine;
import dev.once.internal.EngineConfig;
import dev.once.internal.JmesPathFunctions;
import dev.once.internal.KeyHasher;
import dev.once.internal.PowertoolsJson;
import dev.once.internal.ResultEncoding;
import dev.once.internal.Selector;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.ResultCodec;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
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
 * instance per operation. The key is taken from each call's input by the configured selector (the
 * whole input by default), hashed, and prefixed by {@link Builder#keyPrefix(String)}.
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

  private final Builder settings;
  private final Engine engine;

  private Idempotency(Builder settings, Engine engine) {
    this.settings = settings;
    this.engine = engine;
  }

  /** A builder over {@code store}; every other setting has a default. */
  public static Builder builder(IdempotencyStore store) {
    return new Builder(store);
  }

  /**
   * Checks that {@code expression} compiles as a key or validation path ({@link Builder#keyPath},
   * {@link Builder#validationPath}) would, JMESPath with the functions Once adds ({@code
   * powertools_json}, {@code powertools_base64}, {@code powertools_base64_gzip}), without building
   * an instance: for settings read before one is built, such as environment variables. Thread-safe.
   *
   * @param setting the setting's name, for the message
   * @return {@code expression}, checked
   * @throws IllegalArgumentException naming the setting and the expression when it is blank or does
   *     not parse
   */
  public static String checkPath(String setting, String expression) {
    Require.text(setting, expression);
    Selector.check(setting, expression);
    return expression;
  }

  /** A builder holding this instance's settings, to derive a variant. */
  public Builder newBuilder() {
    return settings.copy();
  }

  /**
   * Runs {@code work} once for the key found in {@code input}, or replays the stored result. The
   * call's deadline (its in-progress expiry) is now plus the configured maximum run time.
   *
   * @throws E the work's own exception, unchanged
   * @throws IdempotencyException Once's own errors, as listed on the type
   */
  public <T, E extends Exception> T call(Object input, Class<T> type, Work<T, E> work) throws E {
    return engine.call(input, ResultType.of(type), null, work);
  }

  /** As {@link #call(Object, Class, Work)}, for a generic result type. */
  public <T, E extends Exception> T call(Object input, ResultType<T> type, Work<T, E> work)
      throws E {
    return engine.call(input, type, null, work);
  }

  /**
   * As {@link #call(Object, Class, Work)}, with the caller's remaining time as the deadline: in
   * Lambda, {@code Context.getRemainingTimeInMillis()}.
   *
   * @param remainingTime the time left before the caller's own deadline, or {@code null} for none
   *     (the deadline is then now plus the maximum run time, as without this argument)
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
   * @param remainingTime the time left before the caller's own deadline, or {@code null} for none
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
   * @param remainingTime the caller's remaining time, or {@code null} for the maximum run time
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
   * @param transaction the caller's open transaction, of the store's transaction type
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
    if (remainingTime != null) {
      Require.duration("remainingTime", remainingTime);
    }
    return remainingTime;
  }

  /** {@code function}, made idempotent: the key comes from its input. */
  public <I, O> Function<I, O> decorate(Class<O> type, Function<I, O> function) {
    ResultType<O> resultType = ResultType.of(type);
    Objects.requireNonNull(function, "function");
    return input -> engine.call(input, resultType, null, () -> function.apply(input));
  }

  /**
   * Builds an {@link Idempotency}. Setters validate at once and name the bad value; {@link
   * #build()} checks the settings together and has no side effects. Not thread-safe.
   */
  public static final class Builder {
    private static final int DEFAULT_COMPRESS_ABOVE = 8 * 1024;
    private final IdempotencyStore store;
    private String keyPrefix = "once";
    private String keyPath;
    private Function<Object, ?> keyFunction;
    private String validationPath;
    private Function<Object, ?> validationFunction;
    private KeyFormat keyFormat = KeyFormat.ONCE;
    private String hashAlgorithm;
    private Duration expiry = Duration.ofHours(1);
    private Duration maxRunTime = Duration.ofMinutes(15);
    private Duration minRunTime = Duration.ofMillis(200);
    private boolean renewLeases = true;
    private LeaseLostPolicy leaseLostPolicy = LeaseLostPolicy.THROW;
    private Scheduler scheduler;
    private InProgressPolicy inProgressPolicy = InProgressPolicy.FAIL_FAST;
    private MissingKeyPolicy missingKeyPolicy = MissingKeyPolicy.FAIL;
    private int localCacheSize;
    private ObjectMapper objectMapper;
    private ResultCodec codec;
    private Integer compressAbove;
    private Integer maxResultBytes;
    private Predicate<? super Exception> permanentFailures;
    private IdempotencyListener listener;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ReplayHook replayHook;

    private Builder(IdempotencyStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    private Builder copy() {
      Builder copy = new Builder(store);
      copy.keyPrefix = keyPrefix;
      copy.keyPath = keyPath;
      copy.keyFunction = keyFunction;
      copy.validationPath = validationPath;
      copy.validationFunction = validationFunction;
      copy.keyFormat = keyFormat;
      copy.hashAlgorithm = hashAlgorithm;
      copy.expiry = expiry;
      copy.maxRunTime = maxRunTime;
      copy.minRunTime = minRunTime;
      copy.renewLeases = renewLeases;
      copy.leaseLostPolicy = leaseLostPolicy;
      copy.scheduler = scheduler;
      copy.inProgressPolicy = inProgressPolicy;
      copy.missingKeyPolicy = missingKeyPolicy;
      copy.localCacheSize = localCacheSize;
      copy.objectMapper = objectMapper;
      copy.codec = codec;
      copy.compressAbove = compressAbove;
      copy.maxResultBytes = maxResultBytes;
      copy.permanentFailures = permanentFailures;
      copy.listener = listener;
      copy.clock = clock;
      copy.sleeper = sleeper;
      copy.replayHook = replayHook;
      return copy;
    }

    /**
     * The key prefix, naming the operation, so several operations can share one store. Default
     * {@code "once"}; the Lambda integration uses the function name.
     */
    public Builder keyPrefix(String keyPrefix) {
      Require.text("keyPrefix", keyPrefix);
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** A JMESPath expression over the input's JSON form that selects the key. */
    public Builder keyPath(String keyPath) {
      Require.text("keyPath", keyPath);
      Require.state(keyFunction == null, "keyPath conflicts with keyFunction, which is set");
      this.keyPath = keyPath;
      return this;
    }

    /** A function from the input to the key value (any value with a JSON form). */
    public Builder keyFunction(Function<Object, ?> keyFunction) {
      Objects.requireNonNull(keyFunction, "keyFunction");
      Require.state(keyPath == null, "keyFunction conflicts with keyPath \"" + keyPath + "\"");
      this.keyFunction = keyFunction;
      return this;
    }

    /** Turns on payload validation with a JMESPath expression selecting the part to compare. */
    public Builder validationPath(String validationPath) {
      Require.text("validationPath", validationPath);
      Require.state(validationFunction == null, "validationPath conflicts with validationFunction");
      this.validationPath = validationPath;
      return this;
    }

    /** Turns on payload validation with a function selecting the part to compare. */
    public Builder validationFunction(Function<Object, ?> validationFunction) {
      Objects.requireNonNull(validationFunction, "validationFunction");
      Require.state(
          validationPath == null,
          "validationFunction conflicts with validationPath \"" + validationPath + "\"");
      this.validationFunction = validationFunction;
      return this;
    }

    /**
     * How keys are hashed and results written: {@link KeyFormat#ONCE} (default) or Powertools'.
     * With {@link KeyFormat#POWERTOOLS}, inputs and results go through the object mapper with
     * Powertools' settings on top (properties sorted alphabetically, null properties left out,
     * dates as text), results are never compressed, and failures are never stored: {@code
     * permanentFailures} and {@code compressAbove} then fail {@link #build()}.
     */
    public Builder keyFormat(KeyFormat keyFormat) {
      this.keyFormat = Objects.requireNonNull(keyFormat, "keyFormat");
      return this;
    }

    /**
     * The JDK digest for keys and validation, by name ({@code "SHA-256"}, {@code "MD5"}, …).
     * Default: SHA-256, or MD5 with {@link KeyFormat#POWERTOOLS}. An unknown name fails {@link
     * #build()}.
     */
    public Builder hashAlgorithm(String hashAlgorithm) {
      Require.text("hashAlgorithm", hashAlgorithm);
      this.hashAlgorithm = hashAlgorithm;
      return this;
    }

    /**
     * How long a record lasts after its work completes. Default one hour.
     *
     * @throws IllegalArgumentException unless positive and at most {@link #MAX_DURATION}
     */
    public Builder expiry(Duration expiry) {
      Require.duration("expiry", expiry);
      this.expiry = expiry;
      return this;
    }

    /**
     * The longest lease one grant holds: the lease of calls that pass no remaining time, renewed
     * while their work runs (see {@link #leaseRenewal}). A process that dies holding a key holds it
     * this long at most. Default 15 minutes (Lambda's longest timeout).
     *
     * @throws IllegalArgumentException unless positive and at most {@link #MAX_DURATION}
     */
    public Builder maxRunTime(Duration maxRunTime) {
      Require.duration("maxRunTime", maxRunTime);
      this.maxRunTime = maxRunTime;
      return this;
    }

    /**
     * The least lease the work must have left when it starts. A call whose remaining time is
     * shorter fails before any write, and a call whose acquisition answered so late that less is
     * left releases the key; both with the retryable {@link LeaseTooShortException}, so the work
     * never runs without a live lease. Default 200 ms; must be below {@code maxRunTime}.
     *
     * @throws IllegalArgumentException unless positive and at most {@link #MAX_DURATION}
     */
    public Builder minRunTime(Duration minRunTime) {
      Require.duration("minRunTime", minRunTime);
      this.minRunTime = minRunTime;
      return this;
    }

    /**
     * Whether long work keeps its lease alive: with no remaining time given (or more than {@code
     * maxRunTime}), the lease lasts {@code maxRunTime} and is extended, conditionally on the lease,
     * each time a third of what is left has passed, until the work ends or the caller's own
     * deadline is reached, never past it. Inside Lambda the lease is the invocation's remaining
     * time, and the deadline stays the hard limit. Default true.
     */
    public Builder leaseRenewal(boolean renewLeases) {
      this.renewLeases = renewLeases;
      return this;
    }

    /**
     * What a call is told when its work ran but its lease was lost before the result was recorded.
     * Default {@link LeaseLostPolicy#THROW}: a {@link LeaseLostException} carrying the result.
     */
    public Builder leaseLostPolicy(LeaseLostPolicy leaseLostPolicy) {
      this.leaseLostPolicy = Objects.requireNonNull(leaseLostPolicy, "leaseLostPolicy");
      return this;
    }

    /**
     * Where lease renewals are scheduled. Default: a daemon thread of this instance's own, started
     * only when a lease is first renewed.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Fail fast (default) or wait when the key is in progress elsewhere. */
    public Builder inProgressPolicy(InProgressPolicy inProgressPolicy) {
      this.inProgressPolicy = Objects.requireNonNull(inProgressPolicy, "inProgressPolicy");
      return this;
    }

    /** Fail (default) or run unprotected when the input holds no key. */
    public Builder missingKeyPolicy(MissingKeyPolicy missingKeyPolicy) {
      this.missingKeyPolicy = Objects.requireNonNull(missingKeyPolicy, "missingKeyPolicy");
      return this;
    }

    /** Keeps up to {@code maxEntries} finished records in memory. Default 0: off. */
    public Builder localCache(int maxEntries) {
      if (maxEntries < 0) {
        throw new IllegalArgumentException(
            "localCache maxEntries must not be negative but was " + maxEntries);
      }
      this.localCacheSize = maxEntries;
      return this;
    }

    /**
     * The mapper for inputs' JSON form and the default codec. Default: a plain one with the modules
     * found on the class path; with {@link KeyFormat#POWERTOOLS}, one as Powertools builds its own.
     * With {@link KeyFormat#POWERTOOLS}, a copy of it with Powertools' settings on top is used.
     */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /** The result codec. Default: JSON by Jackson ({@link ResultCodec#json}). */
    public Builder codec(ResultCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Results encoded larger than this many bytes are gzipped. Default 8 KiB; never with {@link
     * KeyFormat#POWERTOOLS}, where setting it fails {@link #build()}.
     */
    public Builder compressAbove(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("compressAbove must not be negative but was " + bytes);
      }
      this.compressAbove = bytes;
      return this;
    }

    /**
     * The largest stored result, in bytes after compression; a larger one fails with {@link
     * ResultTooLargeException} and releases the key. Default: the store's own limit, if any.
     */
    public Builder maxResultBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResultBytes must be positive but was " + bytes);
      }
      this.maxResultBytes = bytes;
      return this;
    }

    /**
     * Exceptions to store and replay (as {@link StoredFailureException}) instead of releasing the
     * key: failures that a retry cannot fix. Default: none. Not with {@link KeyFormat#POWERTOOLS}
     * (Powertools cannot read a stored failure), where setting it fails {@link #build()}.
     */
    public Builder permanentFailures(Predicate<? super Exception> permanentFailures) {
      this.permanentFailures = Objects.requireNonNull(permanentFailures, "permanentFailures");
      return this;
    }

    /**
     * Transforms every replayed result (from the store or the local cache) before the caller gets
     * it, given the record's facts; a first run's result is returned as computed. Default: none.
     */
    public Builder replayHook(ReplayHook replayHook) {
      this.replayHook = Objects.requireNonNull(replayHook, "replayHook");
      return this;
    }

    /** Hears what the engine does. Default: none. */
    public Builder listener(IdempotencyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock for leases and expiry. Default: the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How the engine pauses between polls and retries. Default: {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Validates the settings together and builds. No network, no environment reads.
     *
     * @throws IllegalArgumentException naming the bad value (an unknown digest, an expression that
     *     does not parse, a result limit above the store's)
     */
    public Idempotency build() {
      boolean powertools = keyFormat == KeyFormat.POWERTOOLS;
      if (powertools) {
        Require.state(
            permanentFailures == null,
            "permanentFailures stores failures as FAILED records, which Powertools cannot read:"
                + " KeyFormat.POWERTOOLS never writes them (a failure releases the key, as in"
                + " Powertools); remove permanentFailures or use KeyFormat.ONCE");
        Require.state(
            compressAbove == null,
            "compressAbove: KeyFormat.POWERTOOLS never compresses results (Powertools cannot read"
                + " gzipped data); a result too large for the store fails with"
                + " ResultTooLargeException");
      }
      ObjectMapper mapper = mapper(powertools);
      JacksonRuntime runtime = JmesPathFunctions.runtime(mapper);
      KeyHasher hasher =
          new KeyHasher(
              keyFormat,
              hashAlgorithm != null ? hashAlgorithm : KeyHasher.defaultAlgorithm(keyFormat));
      Selector key = selector("keyPath", keyPath, "keyFunction", keyFunction, runtime, mapper);
      Selector validation =
          validationPath == null && validationFunction == null
              ? null
              : selector(
                  "validationPath",
                  validationPath,
                  "validationFunction",
                  validationFunction,
                  runtime,
                  mapper);
      ResultCodec resultCodec =
          codec != null
              ? codec
              : powertools ? ResultCodec.powertoolsJson(mapper) : ResultCodec.json(mapper);
      if (minRunTime.compareTo(maxRunTime) >= 0) {
        throw new IllegalArgumentException(
            "minRunTime " + minRunTime + " must be below maxRunTime " + maxRunTime);
      }
      EngineConfig config =
          new EngineConfig(
              store,
              keyPrefix,
              key,
              validation,
              hasher,
              expiry,
              maxRunTime,
              minRunTime,
              renewLeases,
              inProgressPolicy,
              missingKeyPolicy,
              leaseLostPolicy,
              localCacheSize,
              new ResultEncoding(resultCodec, compressionThreshold(powertools)),
              resultLimit(),
              permanentFailures != null ? permanentFailures : e -> false,
              listener,
              clock,
              sleeper,
              scheduler != null ? scheduler : new DaemonScheduler(),
              replayHook);
      return new Idempotency(copy(), new Engine(config));
    }

    private int resultLimit() {
      int storeLimit = store.maxDataBytes().orElse(Integer.MAX_VALUE);
      if (maxResultBytes == null) {
        return storeLimit;
      }
      if (maxResultBytes > storeLimit) {
        throw new IllegalArgumentException(
            "maxResultBytes "
                + maxResultBytes
                + " is above what "
                + store.getClass().getSimpleName()
                + " can hold ("
                + storeLimit
                + " bytes)");
      }
      return maxResultBytes;
    }

    private static Selector selector(
        String pathSetting,
        String path,
        String functionSetting,
        Function<Object, ?> function,
        JacksonRuntime runtime,
        ObjectMapper mapper) {
      if (path != null) {
        return Selector.path(pathSetting, path, runtime, mapper);
      }
      if (function != null) {
        return Selector.function(functionSetting, function, mapper);
      }
      return Selector.wholeInput(mapper);
    }

    /** The mapper for inputs and the default codec: Powertools' settings in its format. */
    private ObjectMapper mapper(boolean powertools) {
      if (!powertools) {
        return objectMapper != null ? objectMapper : defaultMapper();
      }
      return objectMapper != null
          ? PowertoolsJson.withSettings(objectMapper)
          : PowertoolsJson.defaultMapper();
    }

    private int compressionThreshold(boolean powertools) {
      if (powertools) {
        return Integer.MAX_VALUE; // never: Powertools cannot read gzipped data
      }
      return compressAbove != null ? compressAbove : DEFAULT_COMPRESS_ABOVE;
    }

    private static ObjectMapper defaultMapper() {
      return new ObjectMapper()
          .findAndRegisterModules()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
  }
}
