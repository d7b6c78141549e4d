package dev.once.lambda;

import dev.once.Idempotency;
import dev.once.InProgressPolicy;
import dev.once.spi.Require;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The settings of Once in a Lambda function, from code, from environment variables, or both: the
 * idempotency table, the record expiry, the key and validation paths, the in-progress policy, the
 * local cache size, SnapStart priming, and a switch that turns idempotency off for local runs.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code ONCE_TABLE}</td><td>the idempotency table's name</td><td>none; required
 *       unless disabled</td></tr>
 *   <tr><td>{@code ONCE_EXPIRY}</td><td>an ISO-8601 duration ({@code PT1H}) or whole
 *       seconds ({@code 3600})</td><td>1 hour</td></tr>
 *   <tr><td>{@code ONCE_KEY_PATH}</td><td>a JMESPath expression over the event (in batches, over
 *       each record)</td><td>the whole event; in batches the message or event id</td></tr>
 *   <tr><td>{@code ONCE_VALIDATION_PATH}</td><td>a JMESPath expression selecting the payload
 *       part that a duplicate must repeat</td><td>no validation</td></tr>
 *   <tr><td>{@code ONCE_IN_PROGRESS}</td><td>{@code fail} or {@code wait}</td><td>{@code
 *       fail}</td></tr>
 *   <tr><td>{@code ONCE_LOCAL_CACHE}</td><td>entries kept in memory, 0 for none</td><td>0</td></tr>
 *   <tr><td>{@code ONCE_SNAPSTART_PRIMING}</td><td>{@code true} primes Once before a SnapStart
 *       snapshot (see {@link #snapStartPriming()})</td><td>{@code false}</td></tr>
 *   <tr><td>{@code ONCE_DISABLED}</td><td>{@code true} turns idempotency off (local runs only;
 *       logged as a warning)</td><td>{@code false}</td></tr>
 *   <tr><td>{@code AWS_LAMBDA_FUNCTION_NAME}</td><td>set by Lambda; the key prefix when the
 *       invocation's context has none</td><td>none</td></tr>
 * </table>
 *
 * <p>An empty variable counts as unset. A bad value fails with {@link InvalidEnvironmentException}
 * naming the variable and the value.
 *
 * <p>Immutable and thread-safe.
 */
public final class LambdaConfig {

  /** The variable naming the idempotency table. */
  public static final String TABLE = "ONCE_TABLE";

  /** The variable holding the record expiry, ISO-8601 or whole seconds. */
  public static final String EXPIRY = "ONCE_EXPIRY";

  /** The variable holding the key's JMESPath expression. */
  public static final String KEY_PATH = "ONCE_KEY_PATH";

  /** The variable holding the validation part's JMESPath expression. */
  public static final String VALIDATION_PATH = "ONCE_VALIDATION_PATH";

  /**
   * The variable choosing what a duplicate of a key in progress does: {@code fail} or {@code wait}.
   */
  public static final String IN_PROGRESS = "ONCE_IN_PROGRESS";

  /** The variable holding the local cache's size in entries. */
  public static final String LOCAL_CACHE = "ONCE_LOCAL_CACHE";

  /** The variable that turns idempotency off when {@code true}. */
  public static final String DISABLED = "ONCE_DISABLED";

  /** The variable that turns SnapStart priming on; see {@link #snapStartPriming()}. */
  public static final String SNAPSTART_PRIMING = "ONCE_SNAPSTART_PRIMING";

  /** The function's name, set by Lambda: the key prefix when the context gives none. */
  public static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

  private final LambdaSettings settings;

  private LambdaConfig(LambdaSettings settings) {
    this.settings = settings;
  }

  /**
   * The settings the environment gives, defaults for the rest. Pass {@code System.getenv()} in a
   * handler, a map in tests.
   *
   * @param environment variable names to values; only the variables above are read
   * @return the settings
   * @throws InvalidEnvironmentException naming the variable and its bad value
   */
  public static LambdaConfig fromEnvironment(Map<String, String> environment) {
    return builder().environment(environment).build();
  }

  /**
   * A builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(new LambdaSettings());
  }

  /**
   * A builder holding {@code config}'s settings, to derive a variant.
   *
   * @param config the settings to start from
   * @return a new builder
   */
  public static Builder builder(LambdaConfig config) {
    return new Builder(config.settings.copy());
  }

  /**
   * A builder holding these settings, to derive a variant: {@code builder(this)}.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return builder(this);
  }

  /**
   * The idempotency table ({@code ONCE_TABLE}).
   *
   * @return the table's name; empty when not configured (required unless disabled)
   */
  public Optional<String> table() {
    return Optional.ofNullable(settings.table);
  }

  /**
   * How long a completed record lasts ({@code ONCE_EXPIRY}).
   *
   * @return the expiry; default one hour
   */
  public Duration expiry() {
    return settings.expiry;
  }

  /**
   * The key expression ({@code ONCE_KEY_PATH}).
   *
   * @return the JMESPath expression; empty for the default (the whole event, or in batches the
   *     message or event id)
   */
  public Optional<String> keyPath() {
    return Optional.ofNullable(settings.keyPath);
  }

  /**
   * The validation expression ({@code ONCE_VALIDATION_PATH}).
   *
   * @return the JMESPath expression; empty (the default) when validation is off
   */
  public Optional<String> validationPath() {
    return Optional.ofNullable(settings.validationPath);
  }

  /**
   * What a duplicate does on a key in progress ({@code ONCE_IN_PROGRESS}).
   *
   * @return the policy; default {@link InProgressPolicy#FAIL_FAST}
   */
  public InProgressPolicy inProgressPolicy() {
    return settings.inProgressPolicy;
  }

  /**
   * Finished records kept in memory per instance ({@code ONCE_LOCAL_CACHE}).
   *
   * @return the local cache's size; default 0, off
   */
  public int localCache() {
    return settings.localCache;
  }

  /**
   * Whether idempotency is off ({@code ONCE_DISABLED}): handlers run the work directly.
   *
   * @return true when off; default false
   */
  public boolean disabled() {
    return settings.disabled;
  }

  /**
   * Whether Once primes itself before a SnapStart snapshot ({@code ONCE_SNAPSTART_PRIMING}): one
   * idempotent call through the engine, the codec and the store's client against the real table,
   * with a key of its own whose record is purged at once, so that a restored function's first
   * invocation finds everything loaded. It runs only on a JVM with CRaC (Lambda SnapStart, on
   * published versions); elsewhere nothing happens.
   *
   * @return true when on; default false
   */
  public boolean snapStartPriming() {
    return settings.snapStartPriming;
  }

  /**
   * The function's name ({@code AWS_LAMBDA_FUNCTION_NAME}), the key prefix when the invocation's
   * context has none.
   *
   * @return the name; empty when not configured
   */
  public Optional<String> functionName() {
    return Optional.ofNullable(settings.functionName);
  }

  /** Applies the engine settings: expiry, in-progress policy and local cache. */
  Idempotency.Builder applyTo(Idempotency.Builder builder) {
    return builder
        .expiry(settings.expiry)
        .inProgressPolicy(settings.inProgressPolicy)
        .localCache(settings.localCache);
  }

  /**
   * The settings, for logs.
   *
   * @return every setting
   */
  @Override
  public String toString() {
    return "LambdaConfig[table="
        + settings.table
        + ", expiry="
        + settings.expiry
        + ", keyPath="
        + settings.keyPath
        + ", validationPath="
        + settings.validationPath
        + ", inProgressPolicy="
        + settings.inProgressPolicy
        + ", localCache="
        + settings.localCache
        + ", snapStartPriming="
        + settings.snapStartPriming
        + ", disabled="
        + settings.disabled
        + ", functionName="
        + settings.functionName
        + "]";
  }

  /**
   * Builds a {@link LambdaConfig}. Values set in code are defaults that {@link #environment(Map)}
   * overrides, so a handler can say {@code keyPath("orderId")} and an operator still change it. Not
   * thread-safe.
   */
  public static final class Builder {
    private final LambdaSettings settings;

    private Builder(LambdaSettings settings) {
      this.settings = settings;
    }

    /**
     * The idempotency table; see {@link LambdaConfig#table()}.
     *
     * @param table the table's name
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder table(String table) {
      settings.table = Require.text("table", table);
      return this;
    }

    /**
     * How long a completed record lasts; see {@link LambdaConfig#expiry()}.
     *
     * @param expiry the idempotency window
     * @return this builder
     * @throws IllegalArgumentException unless positive and at most {@link Idempotency#MAX_DURATION}
     */
    public Builder expiry(Duration expiry) {
      settings.expiry = Require.positive("expiry", expiry, Idempotency.MAX_DURATION);
      return this;
    }

    /**
     * The key expression; see {@link LambdaConfig#keyPath()}.
     *
     * @param keyPath JMESPath over the event, compiled now
     * @return this builder
     * @throws IllegalArgumentException naming it when blank or it does not parse
     */
    public Builder keyPath(String keyPath) {
      settings.keyPath = Idempotency.checkPath("keyPath", keyPath);
      return this;
    }

    /**
     * The validation expression; see {@link LambdaConfig#validationPath()}.
     *
     * @param validationPath JMESPath over the event, compiled now
     * @return this builder
     * @throws IllegalArgumentException naming it when blank or it does not parse
     */
    public Builder validationPath(String validationPath) {
      settings.validationPath = Idempotency.checkPath("validationPath", validationPath);
      return this;
    }

    /**
     * Fail fast or wait on a key in progress; see {@link LambdaConfig#inProgressPolicy()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder inProgressPolicy(InProgressPolicy policy) {
      settings.inProgressPolicy = Objects.requireNonNull(policy, "inProgressPolicy");
      return this;
    }

    /**
     * Finished records kept in memory per instance; see {@link LambdaConfig#localCache()}.
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
     * Turns idempotency off: for local runs only. See {@link LambdaConfig#disabled()}.
     *
     * @param disabled true to turn it off
     * @return this builder
     */
    public Builder disabled(boolean disabled) {
      settings.disabled = disabled;
      return this;
    }

    /**
     * Turns SnapStart priming on; see {@link LambdaConfig#snapStartPriming()}.
     *
     * @param snapStartPriming true to prime before a snapshot
     * @return this builder
     */
    public Builder snapStartPriming(boolean snapStartPriming) {
      settings.snapStartPriming = snapStartPriming;
      return this;
    }

    /**
     * The function name, used as the key prefix when the invocation context has none; see {@link
     * LambdaConfig#functionName()}.
     *
     * @param functionName the name
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder functionName(String functionName) {
      settings.functionName = Require.text("functionName", functionName);
      return this;
    }

    /**
     * Reads the {@code ONCE_*} variables and {@code AWS_LAMBDA_FUNCTION_NAME}; each one set
     * overrides the value in this builder.
     *
     * @param env the environment: {@code System.getenv()}, or a map in tests
     * @return this builder
     * @throws InvalidEnvironmentException naming the variable and its bad value
     */
    public Builder environment(Map<String, String> env) {
      Objects.requireNonNull(env, "environment");
      ifSet(env, TABLE, v -> settings.table = v);
      ifSet(env, EXPIRY, v -> settings.expiry = EnvironmentValues.duration(EXPIRY, v));
      ifSet(env, KEY_PATH, v -> settings.keyPath = EnvironmentValues.path(KEY_PATH, v));
      ifSet(
          env,
          VALIDATION_PATH,
          v -> settings.validationPath = EnvironmentValues.path(VALIDATION_PATH, v));
      ifSet(
          env,
          IN_PROGRESS,
          v -> settings.inProgressPolicy = EnvironmentValues.policy(IN_PROGRESS, v));
      ifSet(env, LOCAL_CACHE, v -> settings.localCache = EnvironmentValues.count(LOCAL_CACHE, v));
      ifSet(env, DISABLED, v -> settings.disabled = EnvironmentValues.flag(DISABLED, v));
      ifSet(
          env,
          SNAPSTART_PRIMING,
          v -> settings.snapStartPriming = EnvironmentValues.flag(SNAPSTART_PRIMING, v));
      ifSet(env, FUNCTION_NAME, v -> settings.functionName = v);
      return this;
    }

    /**
     * The settings; no side effects, and the builder can go on to build variants.
     *
     * @return a new config, with its own copy of the settings
     */
    public LambdaConfig build() {
      return new LambdaConfig(settings.copy());
    }

    private static void ifSet(Map<String, String> env, String name, Consumer<String> apply) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        apply.accept(value.strip());
      }
    }
  }

  /** Parsing of environment values; every failure names the variable and the value. */
  static final class EnvironmentValues {
    private EnvironmentValues() {}

    static Duration duration(String variable, String value) {
      Duration parsed;
      try {
        parsed =
            value.chars().allMatch(Character::isDigit)
                ? Duration.ofSeconds(Long.parseLong(value))
                : Duration.parse(value);
      } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
        throw new InvalidEnvironmentException(
            variable, value, "an ISO-8601 duration such as PT1H, or whole seconds such as 3600", e);
      }
      if (parsed.isNegative() || parsed.isZero()) {
        throw new InvalidEnvironmentException(variable, value, "a positive duration", null);
      }
      if (parsed.compareTo(Idempotency.MAX_DURATION) > 0) {
        throw new InvalidEnvironmentException(
            variable,
            value,
            "a duration of at most " + Idempotency.MAX_DURATION.toDays() + " days",
            null);
      }
      return parsed;
    }

    static InProgressPolicy policy(String variable, String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "fail":
        case "fail_fast":
          return InProgressPolicy.FAIL_FAST;
        case "wait":
          return InProgressPolicy.WAIT;
        default:
          throw new InvalidEnvironmentException(variable, value, "fail or wait", null);
      }
    }

    static int count(String variable, String value) {
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        throw new InvalidEnvironmentException(variable, value, "a whole number, 0 or more", e);
      }
      throw new InvalidEnvironmentException(variable, value, "a whole number, 0 or more", null);
    }

    static boolean flag(String variable, String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "true":
        case "1":
        case "yes":
          return true;
        case "false":
        case "0":
        case "no":
          return false;
        default:
          throw new InvalidEnvironmentException(variable, value, "true or false", null);
      }
    }

    static String path(String variable, String value) {
      try {
        return Idempotency.checkPath(variable, value);
      } catch (IllegalArgumentException e) {
        throw new InvalidEnvironmentException(variable, value, "a valid JMESPath expression", e);
      }
    }
  }
}
