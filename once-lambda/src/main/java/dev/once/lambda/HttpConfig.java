package dev.once.lambda;

import dev.once.Idempotency;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * The settings of HTTP idempotency ({@link LambdaIdempotency#http(HttpConfig)}): where the key
 * comes from, which methods are covered, what a missing key means, which responses are stored and
 * how they are replayed, and how far a key reaches. Every setting has a default ({@link
 * #defaults()}); the engine settings (expiry, wait or fail fast on a key in progress, local cache)
 * come from the {@link LambdaConfig}.
 *
 * <p>Immutable and thread-safe; built by {@link #builder()}, whose setters validate at once.
 */
public final class HttpConfig {

  /** The header of the IETF draft "The Idempotency-Key HTTP Header Field". */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** The replay marker's default name, as Stripe sends it: {@code Idempotent-Replayed: true}. */
  public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  /** Hop-by-hop header fields (RFC 9110, section 7.6.1), never replayed. */
  static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final String keyHeader;
  private final String keyPath;
  private final boolean keyRequired;
  private final Set<String> methods;
  private final String fingerprintPath;
  private final String replayHeader;
  private final Set<String> deniedHeaders;
  private final IntPredicate storedStatuses;
  private final String callerHeader;
  private final String callerPath;
  private final Duration retryAfter;
  private final int maxKeyLength;

  private HttpConfig(Builder b) {
    this.keyHeader = b.keyHeader;
    this.keyPath = b.keyPath;
    this.keyRequired = b.keyRequired;
    this.methods = Set.copyOf(b.methods);
    this.fingerprintPath = b.fingerprintPath;
    this.replayHeader = b.replayHeader;
    this.deniedHeaders = Set.copyOf(b.deniedHeaders);
    this.storedStatuses = b.storedStatuses;
    this.callerHeader = b.callerHeader;
    this.callerPath = b.callerPath;
    this.retryAfter = b.retryAfter;
    this.maxKeyLength = b.maxKeyLength;
  }

  /** Every default: see the setters of {@link Builder}. */
  public static HttpConfig defaults() {
    return builder().build();
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default stored statuses: 2xx, and 4xx except 408 (timeout), 409 (conflict), 425 (too early)
   * and 429 (too many requests), which a retry may turn into a success.
   */
  public static boolean storedByDefault(int status) {
    if (status >= 200 && status < 300) {
      return true;
    }
    return status >= 400
        && status < 500
        && status != 408
        && status != 409
        && status != 425
        && status != 429;
  }

  /** The header holding the key. Default {@value #IDEMPOTENCY_KEY}. */
  public String keyHeader() {
    return keyHeader;
  }

  /** A JMESPath expression over the event that selects the key instead of the header, or null. */
  public String keyPath() {
    return keyPath;
  }

  /** True (default): a covered request without a key gets 400; false: it runs unprotected. */
  public boolean keyRequired() {
    return keyRequired;
  }

  /** The covered methods, upper case. Default POST and PATCH. */
  public Set<String> methods() {
    return methods;
  }

  /** A JMESPath expression over the event for the fingerprint, or null for the default. */
  public String fingerprintPath() {
    return fingerprintPath;
  }

  /** The replay marker header ({@code <name>: true}), or null for none. */
  public String replayHeader() {
    return replayHeader;
  }

  /** Response headers never stored or replayed (lower case), besides the hop-by-hop ones. */
  public Set<String> deniedHeaders() {
    return deniedHeaders;
  }

  /** True when a response with {@code status} is stored and replayed; otherwise it is released. */
  public boolean stores(int status) {
    return storedStatuses.test(status);
  }

  /** The request header naming the caller, when keys are scoped per caller, or null. */
  public String callerHeader() {
    return callerHeader;
  }

  /** A JMESPath expression over the event naming the caller, or null. */
  public String callerPath() {
    return callerPath;
  }

  /** The {@code Retry-After} of a 409 (and a 503). Default one second. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The longest key accepted, in characters. Default 255. */
  public int maxKeyLength() {
    return maxKeyLength;
  }

  /** True when {@code name} (any case) is hop-by-hop or denied. */
  boolean filtered(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return HOP_BY_HOP.contains(lower) || deniedHeaders.contains(lower);
  }

  /** Builds an {@link HttpConfig}. Not thread-safe. */
  public static final class Builder {
    private String keyHeader = IDEMPOTENCY_KEY;
    private String keyPath;
    private boolean keyRequired = true;
    private Set<String> methods = Set.of("POST", "PATCH");
    private String fingerprintPath;
    private String replayHeader = IDEMPOTENT_REPLAYED;
    private Set<String> deniedHeaders = Set.of("set-cookie");
    private IntPredicate storedStatuses = HttpConfig::storedByDefault;
    private String callerHeader;
    private String callerPath;
    private Duration retryAfter = Duration.ofSeconds(1);
    private int maxKeyLength = 255;

    private Builder() {}

    /** The header holding the key, matched in any case. Default {@value #IDEMPOTENCY_KEY}. */
    public Builder keyHeader(String name) {
      this.keyHeader = requireText("keyHeader", name);
      return this;
    }

    /**
     * Takes the key from the event with a JMESPath expression instead of the header, for example
     * {@code powertools_json(body).orderId}. A request where it finds nothing, or fails (a body
     * that is not JSON), gets 400. Default: the header (or {@code ONCE_KEY_PATH} when set).
     */
    public Builder keyPath(String expression) {
      this.keyPath = Idempotency.checkPath("keyPath", expression);
      return this;
    }

    /** What a covered request without a key gets: 400 (true, default), or a run unprotected. */
    public Builder keyRequired(boolean required) {
      this.keyRequired = required;
      return this;
    }

    /** The covered methods; others run unprotected. Default POST and PATCH. */
    public Builder methods(String... methods) {
      Set<String> upper = new TreeSet<>();
      for (String method : methods) {
        upper.add(requireText("method", method).toUpperCase(Locale.ROOT));
      }
      if (upper.isEmpty()) {
        throw new IllegalArgumentException("methods must name at least one method");
      }
      this.methods = upper;
      return this;
    }

    /**
     * What a request with a known key must repeat: a JMESPath expression over the event. Default
     * (or {@code ONCE_VALIDATION_PATH} when set): the method, the path and a SHA-256 digest of the
     * body. Another request under the same key gets 422.
     */
    public Builder fingerprintPath(String expression) {
      this.fingerprintPath = Idempotency.checkPath("fingerprintPath", expression);
      return this;
    }

    /** The replay marker's name; a replay carries {@code <name>: true}. */
    public Builder replayHeader(String name) {
      this.replayHeader = requireText("replayHeader", name);
      return this;
    }

    /** No replay marker: a replay looks exactly like the first response. */
    public Builder noReplayHeader() {
      this.replayHeader = null;
      return this;
    }

    /**
     * Response headers never stored nor replayed, any case; replaces the default, {@code
     * Set-Cookie} (on HTTP API responses also the {@code cookies} field). Hop-by-hop headers are
     * never replayed whatever this says.
     */
    public Builder deniedHeaders(String... names) {
      Set<String> lower = new TreeSet<>();
      for (String name : names) {
        lower.add(requireText("deniedHeaders", name).toLowerCase(Locale.ROOT));
      }
      this.deniedHeaders = lower;
      return this;
    }

    /**
     * Which responses are stored and replayed, by status; the others are returned once and the key
     * released, so a retry runs again. Default {@link HttpConfig#storedByDefault}.
     */
    public Builder storedStatuses(IntPredicate storedStatuses) {
      this.storedStatuses = Objects.requireNonNull(storedStatuses, "storedStatuses");
      return this;
    }

    /**
     * Scopes keys per caller by a request header (for example an API key's id that API Gateway
     * adds): two callers using the same key value never see each other's responses.
     */
    public Builder callerHeader(String name) {
      requireState(callerPath == null, "callerHeader conflicts with callerPath, which is set");
      this.callerHeader = requireText("callerHeader", name);
      return this;
    }

    /**
     * Scopes keys per caller by a JMESPath expression over the event, for example an authorizer
     * claim: {@code requestContext.authorizer.claims.sub} (REST), {@code
     * requestContext.authorizer.jwt.claims.sub} (HTTP API).
     */
    public Builder callerPath(String expression) {
      requireState(callerHeader == null, "callerPath conflicts with callerHeader, which is set");
      this.callerPath = Idempotency.checkPath("callerPath", expression);
      return this;
    }

    /** The {@code Retry-After} a duplicate in progress gets, whole seconds, at least one. */
    public Builder retryAfter(Duration retryAfter) {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.toSeconds() < 1) {
        throw new IllegalArgumentException(
            "retryAfter must be at least one second but was " + retryAfter);
      }
      this.retryAfter = retryAfter;
      return this;
    }

    /** The longest key accepted, in characters; a longer one gets 400. Default 255. */
    public Builder maxKeyLength(int characters) {
      if (characters < 1) {
        throw new IllegalArgumentException("maxKeyLength must be positive but was " + characters);
      }
      this.maxKeyLength = characters;
      return this;
    }

    /** The settings; no side effects. */
    public HttpConfig build() {
      return new HttpConfig(this);
    }

    private static String requireText(String setting, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            setting
                + " must be non-blank but was "
                + (value == null ? "null" : "\"" + value + "\""));
      }
      return value.strip();
    }

    private static void requireState(boolean condition, String message) {
      if (!condition) {
        throw new IllegalStateException(message);
      }
    }
  }
}
