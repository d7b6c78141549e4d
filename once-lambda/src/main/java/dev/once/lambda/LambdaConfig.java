package dev.once.lambda;

import dev.once.Idempotency;
import dev.once.InProgressPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of Once in a Lambda function, from code, from environment variables, or both: the
 * idempotency table, the record expiry, the key and validation paths, the in-progress policy, the
 * local cache size, and a switch that turns idempotency off for local runs.
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

  public static final String TABLE = "ONCE_TABLE";
  public static final String EXPIRY = "ONCE_EXPIRY";
  public static final String KEY_PATH = "ONCE_KEY_PATH";
  public static final String VALIDATION_PATH = "ONCE_VALIDATION_PATH";
  public static final String IN_PROGRESS = "ONCE_IN_PROGRESS";
  public static final String LOCAL_CACHE = "ONCE_LOCAL_CACHE";
  public static final String DISABLED = "ONCE_DISABLED";
  public static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

  private final String table;
  private final Duration expiry;
  private final String keyPath;
  private final String validationPath;
  private final InProgressPolicy inProgressPolicy;
  private final int localCache;
  private final boolean disabled;
  private final String functionName;

  private LambdaConfig(Builder b) {
    this.table = b.table;
    this.expiry = b.expiry;
    this.keyPath = b.keyPath;
    this.validationPath = b.validationPath;
    this.inProgressPolicy = b.inProgressPolicy;
    this.localCache = b.localCache;
    this.disabled = b.disabled;
    this.functionName = b.functionName;
  }

  /**
   * The settings the environment gives, defaults for the rest. Pass {@code System.getenv()} in a
   * handler, a map in tests.
   *
   * @throws InvalidEnvironmentException naming the variable and its bad value
   */
  public static LambdaConfig fromEnvironment(Map<String, String> environment) {
    return builder().environment(environment).build();
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The idempotency table's name, if configured. */
  public Optional<String> table() {
    return Optional.ofNullable(table);
  }

  /** How long a completed record lasts. Default one hour. */
  public Duration expiry() {
    return expiry;
  }

  /** The key expression, if configured. */
  public Optional<String> keyPath() {
    return Optional.ofNullable(keyPath);
  }

  /** The validation expression, if configured. */
  public Optional<String> validationPath() {
    return Optional.ofNullable(validationPath);
  }

  /** Fail fast (default) or wait on a key in progress. */
  public InProgressPolicy inProgressPolicy() {
    return inProgressPolicy;
  }

  /** Finished records kept in memory per instance; 0 (default) for none. */
  public int localCache() {
    return localCache;
  }

  /** True when idempotency is off: handlers run the work directly. */
  public boolean disabled() {
    return disabled;
  }

  /** The function name from the environment, if any. */
  public Optional<String> functionName() {
    return Optional.ofNullable(functionName);
  }

  /** Applies the engine settings: expiry, in-progress policy and local cache. */
  Idempotency.Builder applyTo(Idempotency.Builder builder) {
    return builder.expiry(expiry).inProgressPolicy(inProgressPolicy).localCache(localCache);
  }

  @Override
  public String toString() {
    return "LambdaConfig[table="
        + table
        + ", expiry="
        + expiry
        + ", keyPath="
        + keyPath
        + ", validationPath="
        + validationPath
        + ", inProgressPolicy="
        + inProgressPolicy
        + ", localCache="
        + localCache
        + ", disabled="
        + disabled
        + ", functionName="
        + functionName
        + "]";
  }

  /**
   * Builds a {@link LambdaConfig}. Values set in code are defaults that {@link #environment(Map)}
   * overrides, so a handler can say {@code keyPath("orderId")} and an operator still change it. Not
   * thread-safe.
   */
  public static final class Builder {
    private String table;
    private Duration expiry = Duration.ofHours(1);
    private String keyPath;
    private String validationPath;
    private InProgressPolicy inProgressPolicy = InProgressPolicy.FAIL_FAST;
    private int localCache;
    private boolean disabled;
    private String functionName;

    private Builder() {}

    /** The idempotency table. */
    public Builder table(String table) {
      this.table = requireText("table", table);
      return this;
    }

    /** How long a completed record lasts; positive. */
    public Builder expiry(Duration expiry) {
      Objects.requireNonNull(expiry, "expiry");
      if (expiry.isNegative() || expiry.isZero()) {
        throw new IllegalArgumentException("expiry must be positive but was " + expiry);
      }
      this.expiry = expiry;
      return this;
    }

    /** The key expression (JMESPath). */
    public Builder keyPath(String keyPath) {
      this.keyPath = requirePath("keyPath", keyPath);
      return this;
    }

    /** The validation expression (JMESPath). */
    public Builder validationPath(String validationPath) {
      this.validationPath = requirePath("validationPath", validationPath);
      return this;
    }

    /** Fail fast or wait on a key in progress. */
    public Builder inProgressPolicy(InProgressPolicy policy) {
      this.inProgressPolicy = Objects.requireNonNull(policy, "inProgressPolicy");
      return this;
    }

    /** Finished records kept in memory per instance; 0 for none. */
    public Builder localCache(int maxEntries) {
      if (maxEntries < 0) {
        throw new IllegalArgumentException(
            "localCache maxEntries must not be negative but was " + maxEntries);
      }
      this.localCache = maxEntries;
      return this;
    }

    /** Turns idempotency off: for local runs only. */
    public Builder disabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    /** The function name, used as the key prefix when the invocation context has none. */
    public Builder functionName(String functionName) {
      this.functionName = requireText("functionName", functionName);
      return this;
    }

    /**
     * Reads the {@code ONCE_*} variables and {@code AWS_LAMBDA_FUNCTION_NAME}; each one set
     * overrides the value in this builder.
     *
     * @throws InvalidEnvironmentException naming the variable and its bad value
     */
    public Builder environment(Map<String, String> env) {
      Objects.requireNonNull(env, "environment");
      ifSet(env, TABLE, v -> table = v);
      ifSet(env, EXPIRY, v -> expiry = EnvironmentValues.duration(EXPIRY, v));
      ifSet(env, KEY_PATH, v -> keyPath = EnvironmentValues.path(KEY_PATH, v));
      ifSet(env, VALIDATION_PATH, v -> validationPath = EnvironmentValues.path(VALIDATION_PATH, v));
      ifSet(env, IN_PROGRESS, v -> inProgressPolicy = EnvironmentValues.policy(IN_PROGRESS, v));
      ifSet(env, LOCAL_CACHE, v -> localCache = EnvironmentValues.count(LOCAL_CACHE, v));
      ifSet(env, DISABLED, v -> disabled = EnvironmentValues.flag(DISABLED, v));
      ifSet(env, FUNCTION_NAME, v -> functionName = v);
      return this;
    }

    /** The settings; no side effects. */
    public LambdaConfig build() {
      return new LambdaConfig(this);
    }

    private static void ifSet(
        Map<String, String> env, String name, java.util.function.Consumer<String> apply) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        apply.accept(value.strip());
      }
    }

    private static String requireText(String setting, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            setting
                + " must be non-blank but was "
                + (value == null ? "null" : "\"" + value + "\""));
      }
      return value;
    }

    private static String requirePath(String setting, String path) {
      return Idempotency.checkPath(setting, path);
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
