package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.once.Idempotency;
import dev.once.ResultType;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.Require;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.crac.Core;

/**
 * Once in a Lambda function, and the one place to start: build one per handler instance (at cold
 * start), then make the handler idempotent with it.
 *
 * <pre>{@code
 * LambdaIdempotency once =
 *     LambdaIdempotency.fromEnvironment(
 *         System.getenv(),
 *         table -> DynamoDbStore.builder().client(DynamoDbStore.defaultClient()).tableName(table).build());
 * RequestHandler<Map<String, Object>, Receipt> handler =
 *     once.wrap(Receipt.class, (event, context) -> charge(event));
 * }</pre>
 *
 * <ul>
 *   <li>{@link #wrap}: a {@link RequestHandler}, keyed on the event ({@code ONCE_KEY_PATH}, or the
 *       whole event);
 *   <li>{@link #wrapStream}: a {@link RequestStreamHandler}, its response bytes replayed;
 *   <li>{@link #batch()}: SQS, Kinesis and DynamoDB Streams batches, record by record, with partial
 *       batch responses;
 *   <li>{@link #http()}: API Gateway (REST and HTTP APIs), function URLs and ALB, keyed on the
 *       {@code Idempotency-Key} header.
 * </ul>
 *
 * <p>Keys are prefixed with {@code <function name>.<operation>}: the function name comes from the
 * invocation's {@link Context} (or {@code AWS_LAMBDA_FUNCTION_NAME}); the operation defaults to
 * {@code handleRequest}. The in-progress expiry of each call is the invocation's remaining time,
 * {@link Context#getRemainingTimeInMillis()}.
 *
 * <p>Everything is built and checked when this is built and when a handler is wrapped, so a bad
 * setup fails the cold start (Lambda reports it as an init error) rather than every invocation.
 * Immutable and thread-safe.
 */
public final class LambdaIdempotency {

  /** The operation name used unless {@link Builder#operation(String)} sets another. */
  public static final String DEFAULT_OPERATION = "handleRequest";

  private final LambdaIdempotencySettings settings;
  private final Engines engines;
  // Held here because CRaC's global context may keep its resources by weak reference only.
  private final SnapStartPriming priming;

  private LambdaIdempotency(
      LambdaIdempotencySettings settings, Engines engines, SnapStartPriming priming) {
    this.settings = settings;
    this.engines = engines;
    this.priming = priming;
  }

  /**
   * Once configured from environment variables (see {@link LambdaConfig}). {@code storeForTable}
   * makes the store for the {@code ONCE_TABLE} name; it is not called when {@code ONCE_DISABLED} is
   * true.
   *
   * @param environment the variables, {@code System.getenv()} in a handler or a map in tests
   * @param storeForTable makes the store for a table name, e.g. {@code table ->
   *     DynamoDbStore.builder(client, table).build()}
   * @return the built instance, its engines checked
   * @throws InvalidEnvironmentException on a bad value, or when {@code ONCE_TABLE} is missing
   */
  public static LambdaIdempotency fromEnvironment(
      Map<String, String> environment, Function<String, ? extends IdempotencyStore> storeForTable) {
    return builder()
        .config(LambdaConfig.fromEnvironment(environment))
        .storeForTable(storeForTable)
        .build();
  }

  /**
   * A builder: settings from code ({@link LambdaConfig}), a store, an operation name.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(new LambdaIdempotencySettings());
  }

  /**
   * A builder holding this instance's settings, to derive a variant (another operation).
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(settings.copy());
  }

  /**
   * {@code handler}, made idempotent: the first invocation of a key runs it, every duplicate gets
   * the first response back, decoded to {@code type}. The handler's own exceptions pass through
   * unchanged (the key is released); Once's are {@link dev.once.IdempotencyException}s, which make
   * Lambda report the invocation failed so the caller retries.
   *
   * @param <I> the event type
   * @param <O> the response type
   * @param type the response class, which stored responses are decoded into
   * @param handler the function's own handler; not null
   * @return a thread-safe handler when {@code handler} is; {@code handler} itself when disabled
   * @throws NullPointerException if {@code type} or {@code handler} is null
   */
  public <I, O> RequestHandler<I, O> wrap(Class<O> type, RequestHandler<I, O> handler) {
    return wrap(ResultType.of(type), handler);
  }

  /**
   * As {@link #wrap(Class, RequestHandler)}, for a generic response type.
   *
   * @param <I> the event type
   * @param <O> the response type
   * @param type the response type, e.g. {@code new ResultType<List<Receipt>>() {}}
   * @param handler the function's own handler; not null
   * @return a thread-safe handler when {@code handler} is; {@code handler} itself when disabled
   * @throws NullPointerException if {@code type} or {@code handler} is null
   */
  public <I, O> RequestHandler<I, O> wrap(ResultType<O> type, RequestHandler<I, O> handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    if (disabled()) {
      return handler;
    }
    engines.prepare(Variant.EVENT);
    return (input, context) ->
        engines
            .forInvocation(context, Variant.EVENT)
            .call(input, type, remainingTime(context), () -> handler.handleRequest(input, context));
  }

  /**
   * {@code handler}, made idempotent. The event is read whole and parsed as JSON to take its key
   * ({@code ONCE_KEY_PATH}, or the whole event); the handler's response bytes are stored, and a
   * duplicate gets exactly those bytes. An event that is not JSON fails with {@link
   * EventFormatException} and runs nothing.
   *
   * @param handler the function's own stream handler; not null
   * @return a thread-safe handler when {@code handler} is; {@code handler} itself when disabled
   * @throws NullPointerException if {@code handler} is null
   */
  public RequestStreamHandler wrapStream(RequestStreamHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (disabled()) {
      return handler;
    }
    engines.prepare(Variant.EVENT);
    return new IdempotentStreamHandler(this, handler);
  }

  /**
   * SQS, Kinesis and DynamoDB Streams batches processed record by record, each idempotent on its
   * own key, answered with a partial batch response.
   *
   * @return a batch processor with the default poison record policies and no listener
   */
  public IdempotentBatch batch() {
    if (!disabled()) {
      engines.prepare(Variant.SQS);
      engines.prepare(Variant.STREAM);
    }
    return new IdempotentBatch(this, IdempotentBatch.BatchPolicy.defaults());
  }

  /**
   * HTTP requests from API Gateway (REST and HTTP APIs), function URLs and ALB, keyed on the {@code
   * Idempotency-Key} header, with the default {@link HttpConfig}: {@code
   * once.http().restApi(handler)}.
   *
   * @return the HTTP entry points with the default settings
   */
  public HttpIdempotency http() {
    return http(HttpConfig.defaults());
  }

  /**
   * As {@link #http()}, with {@code config}.
   *
   * @param config the HTTP settings: key header, stored statuses and the rest
   * @return the HTTP entry points with {@code config}
   * @throws NullPointerException if {@code config} is null
   */
  public HttpIdempotency http(HttpConfig config) {
    Objects.requireNonNull(config, "config");
    if (!disabled()) {
      engines.prepare(Variant.HTTP);
    }
    return new HttpIdempotency(this, config);
  }

  /**
   * Runs the SnapStart priming now, as CRaC does before a snapshot when {@link
   * LambdaConfig#snapStartPriming()} is on: one call through the engine, the codec and the store
   * (acquire, complete, the duplicate's replay), under a key of its own whose record is then
   * purged. For a CRaC resource of the application's own, and for tests; it does nothing when
   * idempotency is off. Unlike the registered priming, a failure here is thrown.
   *
   * @throws dev.once.IdempotencyException when the store or the codec fails
   * @throws IllegalStateException when the priming call's duplicate ran instead of replaying
   */
  public void primeForSnapStart() {
    if (disabled()) {
      return;
    }
    (priming != null ? priming : newPriming(engines, settings)).prime();
  }

  private static SnapStartPriming newPriming(Engines engines, LambdaIdempotencySettings settings) {
    return new SnapStartPriming(engines::primingEngine, engines.store(), settings.diagnostics);
  }

  /**
   * Whether idempotency is off ({@code ONCE_DISABLED=true}) and handlers run directly.
   *
   * @return true when disabled; the wrapping methods then return their handlers unchanged
   */
  public boolean disabled() {
    return engines == null;
  }

  /**
   * The settings this instance was built with.
   *
   * @return the immutable Lambda settings
   */
  public LambdaConfig config() {
    return settings.config;
  }

  /**
   * The operation name in the key prefix.
   *
   * @return the name as configured, {@code handleRequest} by default
   */
  public String operation() {
    return settings.operation;
  }

  /**
   * The key prefix for an invocation: {@code <function name>.<operation>}.
   *
   * @param context the invocation's context, for the function name; {@code null} outside Lambda,
   *     then {@code AWS_LAMBDA_FUNCTION_NAME} names the function, or {@code once} without it
   * @return the prefix of every key this invocation stores
   */
  public String keyPrefix(Context context) {
    return Engines.prefix(context, settings.config, settings.operation);
  }

  /** The engine for an invocation of {@code variant}. Not for a disabled instance. */
  Idempotency idempotency(Context context, Variant variant) {
    return engines.forInvocation(context, variant);
  }

  /** The registered SnapStart priming, or {@code null} when it is off. */
  SnapStartPriming snapStartPriming() {
    return priming;
  }

  /** Where failures are written when no logging provider is bound. */
  Diagnostics diagnostics() {
    return settings.diagnostics;
  }

  /** The invocation's remaining time, or {@code null} without a context (outside Lambda). */
  static Duration remainingTime(Context context) {
    if (context == null) {
      return null;
    }
    // At or past the deadline Lambda is about to stop the process: a 1 ms lease says so.
    return Duration.ofMillis(Math.max(1, context.getRemainingTimeInMillis()));
  }

  /**
   * Builds a {@link LambdaIdempotency}: the settings, a store (or how to make one for the table),
   * the operation name and further engine settings. {@link #build()} builds and checks every engine
   * setup this can serve, so a bad one fails there. Not thread-safe.
   */
  public static final class Builder {
    private final LambdaIdempotencySettings settings;

    private Builder(LambdaIdempotencySettings settings) {
      this.settings = settings;
    }

    /**
     * The settings; default: every {@link LambdaConfig} default, nothing from the environment.
     *
     * @param config the settings; not null
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    public Builder config(LambdaConfig config) {
      settings.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The store, made already; the config's table is then not used. Replaces a {@link
     * #storeForTable} set before.
     *
     * @param store the store; not null
     * @return this builder
     * @throws NullPointerException if {@code store} is null
     */
    public Builder store(IdempotencyStore store) {
      settings.store = Objects.requireNonNull(store, "store");
      settings.storeForTable = null;
      return this;
    }

    /**
     * How to make the store for the config's table ({@code ONCE_TABLE}); called by {@link #build()}
     * unless idempotency is disabled. Replaces a {@link #store} set before.
     *
     * @param storeForTable makes the store from the table's name; not null
     * @return this builder
     * @throws NullPointerException if {@code storeForTable} is null
     */
    public Builder storeForTable(Function<String, ? extends IdempotencyStore> storeForTable) {
      settings.storeForTable = Objects.requireNonNull(storeForTable, "storeForTable");
      settings.store = null;
      return this;
    }

    /**
     * The operation name in the key prefix, for several operations sharing a store. Default {@code
     * handleRequest}.
     *
     * @param operation the name; not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code operation} is null or blank
     */
    public Builder operation(String operation) {
      settings.operation = Require.text("operation", operation);
      return this;
    }

    /**
     * Further engine settings (a listener, a clock, a codec, permanent failures, a response hook),
     * applied to every {@link Idempotency} built for this setup after the key prefix and the {@link
     * LambdaConfig}'s settings. It may run more than once: once per kind of handler (plain, batch,
     * HTTP), each with the key settings of that kind.
     *
     * @param customizer adjusts an engine builder; customizers added earlier run first
     * @return this builder
     * @throws NullPointerException if {@code customizer} is null
     */
    public Builder customize(Consumer<Idempotency.Builder> customizer) {
      Objects.requireNonNull(customizer, "customizer");
      settings.customizer = settings.customizer.andThen(customizer);
      return this;
    }

    /** Where failures go when no SLF4J provider is bound: for tests. */
    Builder diagnostics(Diagnostics diagnostics) {
      settings.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
      return this;
    }

    /**
     * Makes the store and builds. When the config is {@link LambdaConfig#disabled()}, no store is
     * made and a warning goes to standard error (which Lambda sends to CloudWatch), whatever
     * logging is set up. With {@link LambdaConfig#snapStartPriming()} on, the priming is registered
     * with CRaC's global context (a no-op on a JVM without CRaC).
     *
     * @return the instance, its store made and every engine setup checked
     * @throws InvalidEnvironmentException when idempotency is on and no table or store is given
     * @throws IllegalArgumentException when the engine settings do not go together (for example a
     *     customizer's {@code keyFunction} against a batch's key path)
     * @throws IllegalStateException when the engine settings do not go together, as above
     */
    public LambdaIdempotency build() {
      LambdaIdempotencySettings frozen = settings.copy();
      if (frozen.config.disabled()) {
        frozen.diagnostics.disabledWarning(LambdaConfig.DISABLED);
        return new LambdaIdempotency(frozen, null, null);
      }
      IdempotencyStore made = frozen.store != null ? frozen.store : storeForTable(frozen);
      Engines engines = new Engines(made, frozen);
      engines.check();
      SnapStartPriming priming = null;
      if (frozen.config.snapStartPriming()) {
        priming = newPriming(engines, frozen);
        Core.getGlobalContext().register(priming);
      }
      return new LambdaIdempotency(frozen, engines, priming);
    }

    private static IdempotencyStore storeForTable(LambdaIdempotencySettings settings) {
      if (settings.storeForTable == null) {
        throw new IllegalStateException("no store: set store(...) or storeForTable(...)");
      }
      String table =
          settings
              .config
              .table()
              .orElseThrow(
                  () ->
                      new InvalidEnvironmentException(
                          LambdaConfig.TABLE,
                          null,
                          "the idempotency table's name (or " + LambdaConfig.DISABLED + "=true)",
                          null));
      return Objects.requireNonNull(
          settings.storeForTable.apply(table), "storeForTable returned null");
    }
  }
}
