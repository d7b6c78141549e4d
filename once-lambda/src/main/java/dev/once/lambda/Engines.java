package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.once.Idempotency;
import dev.once.spi.IdempotencyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines of one {@link LambdaIdempotency}: one per kind of handler and key prefix, built from
 * the store, the {@link LambdaConfig} and the customizer. Thread-safe.
 */
final class Engines {

  /** The engine's key and validation paths over the HTTP layer's input (see {@code HttpCall}). */
  static final String HTTP_KEY_PATH = "key";

  static final String HTTP_FINGERPRINT_PATH = "fingerprint";

  private final IdempotencyStore store;
  private final LambdaIdempotencySettings settings;
  private final Map<String, Idempotency> built = new ConcurrentHashMap<>();

  Engines(IdempotencyStore store, LambdaIdempotencySettings settings) {
    this.store = store;
    this.settings = settings;
  }

  /** The store every engine writes to. */
  IdempotencyStore store() {
    return store;
  }

  /**
   * Builds the plain handler's engine, which runs every check of {@code Idempotency.Builder#build},
   * so a bad setup fails now (at cold start). The other kinds are built when their handler is made
   * ({@link LambdaIdempotency#batch()}, {@link LambdaIdempotency#http()}).
   *
   * @throws IllegalStateException naming the kind of handler whose settings conflict
   */
  void check() {
    prepare(Variant.EVENT);
  }

  /** Builds the engine of {@code variant} for the configured function name, ahead of any call. */
  void prepare(Variant variant) {
    engine(defaultPrefix(), variant);
  }

  /**
   * The engine SnapStart priming calls ({@link SnapStartPriming}): the plain handler's settings
   * (codec, format, listener, customizer's choices) with the priming operation's prefix, key and
   * validation read from the priming input (the function's own paths or functions would not find
   * theirs in it), a short expiry and no local cache (so the duplicate goes to the store).
   */
  Idempotency primingEngine() {
    Idempotency plain = engine(defaultPrefix(), Variant.EVENT);
    return Idempotency.builder(plain.config())
        .keyPrefix(prefix(null, settings.config, SnapStartPriming.OPERATION))
        .keyPath(SnapStartPriming.KEY_PATH)
        .validationPath(SnapStartPriming.KEY_PATH)
        .expiry(SnapStartPriming.EXPIRY)
        .localCache(0)
        .build();
  }

  /** The engine for an invocation: its function name's prefix, built once. */
  Idempotency forInvocation(Context context, Variant variant) {
    return engine(prefix(context, settings.config, settings.operation), variant);
  }

  /**
   * The key prefix {@code <function name>.<operation>}: the invocation's function name, else the
   * configured one ({@code AWS_LAMBDA_FUNCTION_NAME}), else {@code once}.
   */
  static String prefix(Context context, LambdaConfig config, String operation) {
    String function = context == null ? null : context.getFunctionName();
    if (function == null || function.isBlank()) {
      function = config.functionName().orElse("once");
    }
    return function + "." + operation;
  }

  private Idempotency engine(String prefix, Variant variant) {
    return built.computeIfAbsent(variant + "\n" + prefix, k -> settings(prefix, variant).build());
  }

  private String defaultPrefix() {
    return prefix(null, settings.config, settings.operation);
  }

  /** The builder of {@code variant}: prefix, config, key settings, then the customizer. */
  private Idempotency.Builder settings(String prefix, Variant variant) {
    LambdaConfig config = settings.config;
    Idempotency.Builder builder = config.applyTo(Idempotency.builder(store).keyPrefix(prefix));
    if (variant == Variant.HTTP) {
      builder.keyPath(HTTP_KEY_PATH).validationPath(HTTP_FINGERPRINT_PATH);
    } else {
      String keyPath = config.keyPath().orElse(variant.defaultKeyPath());
      if (keyPath != null) {
        builder.keyPath(keyPath);
      }
      config.validationPath().ifPresent(builder::validationPath);
    }
    try {
      settings.customizer.accept(builder);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalStateException(
          "the customizer does not go with the settings of "
              + describe(variant)
              + ": "
              + e.getMessage(),
          e);
    }
    return builder;
  }

  private static String describe(Variant variant) {
    return switch (variant) {
      case EVENT -> "a plain handler";
      case SQS -> "an SQS batch (key path " + keyPathOf(variant) + ")";
      case STREAM -> "a Kinesis or DynamoDB Streams batch (key path " + keyPathOf(variant) + ")";
      case HTTP -> "an HTTP handler (its key and fingerprint come from the request)";
    };
  }

  private static String keyPathOf(Variant variant) {
    return "\"" + variant.defaultKeyPath() + "\" or ONCE_KEY_PATH";
  }
}
