package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.once.Idempotency;
import dev.once.spi.IdempotencyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once, set up for a Lambda function: a store, the {@link LambdaConfig} settings and an operation
 * name. The handler wrappers ({@link IdempotentHandler}, {@link IdempotentStreamHandler}, {@link
 * IdempotentBatch}) take one.
 *
 * <p>Keys are prefixed with {@code <function name>.<operation>}: the function name comes from the
 * invocation's {@link Context} (or {@code AWS_LAMBDA_FUNCTION_NAME}); the operation defaults to
 * {@code handleRequest}. The in-progress expiry of each call is the invocation's remaining time,
 * {@link Context#getRemainingTimeInMillis()}.
 *
 * <p>Build one per handler instance (at cold start), not per invocation. Immutable and thread-safe.
 */
public final class LambdaIdempotency {

  private static final Logger LOG = LoggerFactory.getLogger(LambdaIdempotency.class);

  /** The operation name used unless {@link #withOperation(String)} sets another. */
  public static final String DEFAULT_OPERATION = "handleRequest";

  private final LambdaConfig config;
  private final IdempotencyStore store;
  private final Consumer<Idempotency.Builder> customizer;
  private final String operation;
  private final Map<String, Idempotency> instances = new ConcurrentHashMap<>();

  private LambdaIdempotency(
      LambdaConfig config,
      IdempotencyStore store,
      Consumer<Idempotency.Builder> customizer,
      String operation) {
    this.config = config;
    this.store = store;
    this.customizer = customizer;
    this.operation = operation;
  }

  /**
   * Once over {@code store}, configured by {@code config}. When the config is {@link
   * LambdaConfig#disabled()}, the store is not used and a warning is logged.
   */
  public static LambdaIdempotency create(LambdaConfig config, IdempotencyStore store) {
    Objects.requireNonNull(config, "config");
    if (config.disabled()) {
      return disabled(config);
    }
    return new LambdaIdempotency(
        config, Objects.requireNonNull(store, "store"), b -> {}, DEFAULT_OPERATION);
  }

  /**
   * Once configured from environment variables (see {@link LambdaConfig}). {@code storeForTable}
   * makes the store for the {@code ONCE_TABLE} name; it is not called when {@code ONCE_DISABLED} is
   * true.
   *
   * @throws InvalidEnvironmentException on a bad value, or when {@code ONCE_TABLE} is missing
   */
  public static LambdaIdempotency fromEnvironment(
      Map<String, String> environment, Function<String, ? extends IdempotencyStore> storeForTable) {
    return fromConfig(LambdaConfig.fromEnvironment(environment), storeForTable);
  }

  /**
   * As {@link #fromEnvironment}, from settings already read (for example code defaults overridden
   * by the environment: {@code LambdaConfig.builder().keyPath("orderId").environment(env)}).
   *
   * @throws InvalidEnvironmentException when idempotency is on and no table is configured
   */
  public static LambdaIdempotency fromConfig(
      LambdaConfig config, Function<String, ? extends IdempotencyStore> storeForTable) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(storeForTable, "storeForTable");
    if (config.disabled()) {
      return disabled(config);
    }
    String table =
        config
            .table()
            .orElseThrow(
                () ->
                    new InvalidEnvironmentException(
                        LambdaConfig.TABLE,
                        null,
                        "the idempotency table's name (or " + LambdaConfig.DISABLED + "=true)",
                        null));
    return create(config, storeForTable.apply(table));
  }

  private static LambdaIdempotency disabled(LambdaConfig config) {
    LOG.warn(
        "*** IDEMPOTENCY IS OFF ({}=true): every duplicate event runs its side effects again."
            + " Use this for local runs only, never in a deployed function. ***",
        LambdaConfig.DISABLED);
    return new LambdaIdempotency(config, null, b -> {}, DEFAULT_OPERATION);
  }

  /** This setup with another operation name, for a second operation sharing the store. */
  public LambdaIdempotency withOperation(String operation) {
    if (operation == null || operation.isBlank()) {
      throw new IllegalArgumentException(
          "operation must be non-blank but was "
              + (operation == null ? "null" : "\"" + operation + "\""));
    }
    return new LambdaIdempotency(config, store, customizer, operation);
  }

  /**
   * This setup with further engine settings (a listener, a clock, a codec, permanent failures),
   * applied to every {@link Idempotency} built for it. The key prefix, expiry, paths, policy and
   * cache come from the {@link LambdaConfig} and are applied first.
   */
  public LambdaIdempotency withCustomizer(Consumer<Idempotency.Builder> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    return new LambdaIdempotency(config, store, this.customizer.andThen(customizer), operation);
  }

  /** True when idempotency is off and handlers run their work directly. */
  public boolean isDisabled() {
    return store == null;
  }

  /** The settings. */
  public LambdaConfig config() {
    return config;
  }

  /** The operation name in the key prefix. */
  public String operation() {
    return operation;
  }

  /** The key prefix for an invocation: {@code <function name>.<operation>}. */
  public String keyPrefix(Context context) {
    String function = context == null ? null : context.getFunctionName();
    if (function == null || function.isBlank()) {
      function = config.functionName().orElse("once");
    }
    return function + "." + operation;
  }

  /**
   * The engine for an invocation, built once per prefix and key path.
   *
   * @param defaultKeyPath the key expression when none is configured, or {@code null} for the whole
   *     input
   */
  Idempotency idempotency(Context context, String defaultKeyPath) {
    String prefix = keyPrefix(context);
    return instances.computeIfAbsent(
        prefix + "\n" + defaultKeyPath,
        k -> {
          Idempotency.Builder builder = Idempotency.builder(store).keyPrefix(prefix);
          config.applyTo(builder, defaultKeyPath);
          customizer.accept(builder);
          return builder.build();
        });
  }

  /** The invocation's remaining time, or {@code null} without a context (outside Lambda). */
  static Duration remainingTime(Context context) {
    if (context == null) {
      return null;
    }
    // At or past the deadline Lambda is about to stop the process: a 1 ms lease says so.
    return Duration.ofMillis(Math.max(1, context.getRemainingTimeInMillis()));
  }
}
