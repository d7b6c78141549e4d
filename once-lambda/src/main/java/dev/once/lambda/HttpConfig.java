package dev.once.lambda;

import dev.once.Idempotency;
import dev.once.spi.Require;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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

  private final HttpSettings settings;

  private HttpConfig(HttpSettings settings) {
    this.settings = settings;
  }

  /**
   * Every default: see the getters.
   *
   * @return the default settings
   */
  public static HttpConfig defaults() {
    return builder().build();
  }

  /**
   * A builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(new HttpSettings());
  }

  /**
   * A builder holding {@code config}'s settings, to derive a variant.
   *
   * @param config the settings to start from
   * @return a new builder
   */
  public static Builder builder(HttpConfig config) {
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
   * The default stored statuses: 2xx, and 4xx except 408 (timeout), 409 (conflict), 425 (too early)
   * and 429 (too many requests), which a retry may turn into a success.
   *
   * @param status an HTTP status code
   * @return true when a response with {@code status} is stored and replayed by default
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

  /**
   * The header holding the key, matched in any case.
   *
   * @return the header's name; default {@value #IDEMPOTENCY_KEY}
   */
  public String keyHeader() {
    return settings.keyHeader;
  }

  /**
   * A JMESPath expression over the event that selects the key instead of the header.
   *
   * @return the expression; empty (the default) when the header holds the key
   */
  public Optional<String> keyPath() {
    return Optional.ofNullable(settings.keyPath);
  }

  /**
   * What a covered request without a key gets.
   *
   * @return true (the default) for a 400, false for a run without idempotency
   */
  public boolean keyRequired() {
    return settings.keyRequired;
  }

  /**
   * The methods covered; requests with others run without idempotency.
   *
   * @return the methods, upper case; default POST and PATCH
   */
  public Set<String> methods() {
    return settings.methods;
  }

  /**
   * A JMESPath expression over the event for what a request under a known key must repeat.
   *
   * @return the expression; empty for the default, the method, the path and a SHA-256 digest of the
   *     body
   */
  public Optional<String> fingerprintPath() {
    return Optional.ofNullable(settings.fingerprintPath);
  }

  /**
   * The replay marker header a replay carries ({@code <name>: true}).
   *
   * @return its name, default {@value #IDEMPOTENT_REPLAYED}; empty when replays carry no marker
   */
  public Optional<String> replayHeader() {
    return Optional.ofNullable(settings.replayHeader);
  }

  /**
   * Response headers never stored nor replayed, besides the hop-by-hop ones.
   *
   * @return the names, lower case; default {@code set-cookie}
   */
  public Set<String> deniedHeaders() {
    return settings.deniedHeaders;
  }

  /**
   * Whether a response is stored and replayed; otherwise it is returned once and the key released.
   *
   * @param status the response's status code
   * @return true when a response with {@code status} is stored; by default {@link #storedByDefault}
   */
  public boolean stores(int status) {
    return settings.storedStatuses.test(status);
  }

  /**
   * The request header naming the caller, when keys are scoped per caller by a header.
   *
   * @return the header's name; empty (the default) when not
   */
  public Optional<String> callerHeader() {
    return Optional.ofNullable(settings.callerHeader);
  }

  /**
   * A JMESPath expression over the event naming the caller, when keys are scoped per caller by it.
   *
   * @return the expression; empty (the default) when not
   */
  public Optional<String> callerPath() {
    return Optional.ofNullable(settings.callerPath);
  }

  /**
   * The {@code Retry-After} of a 409 (and a 503).
   *
   * @return the delay, whole seconds; default one second
   */
  public Duration retryAfter() {
    return settings.retryAfter;
  }

  /**
   * The longest key accepted, in characters; a longer one gets 400.
   *
   * @return the length; default 255
   */
  public int maxKeyLength() {
    return settings.maxKeyLength;
  }

  /** True when {@code name} (any case) is hop-by-hop or denied. */
  boolean filtered(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return HOP_BY_HOP.contains(lower) || settings.deniedHeaders.contains(lower);
  }

  /**
   * Builds an {@link HttpConfig}. Setters check their value at once and name it; each setting is
   * documented on the {@link HttpConfig} getter of the same name. Not thread-safe.
   */
  public static final class Builder {
    private final HttpSettings settings;
    private final Set<String> made = new HashSet<>();

    private Builder(HttpSettings settings) {
      this.settings = settings;
    }

    /**
     * The header holding the key, matched in any case; see {@link HttpConfig#keyHeader()}.
     *
     * @param name the header's name
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder keyHeader(String name) {
      settings.keyHeader = Require.text("keyHeader", name).strip();
      return this;
    }

    /**
     * Takes the key from the event with a JMESPath expression instead of the header, for example
     * {@code powertools_json(body).orderId}. A request where it finds nothing, or fails (a body
     * that is not JSON), gets 400. Default: the header (or {@code ONCE_KEY_PATH} when set).
     *
     * @param expression JMESPath over the event, compiled now
     * @return this builder
     * @throws IllegalArgumentException naming it when blank or it does not parse
     */
    public Builder keyPath(String expression) {
      settings.keyPath = Idempotency.checkPath("keyPath", expression);
      return this;
    }

    /**
     * What a covered request without a key gets; see {@link HttpConfig#keyRequired()}.
     *
     * @param required true for a 400, false for a run without idempotency
     * @return this builder
     */
    public Builder keyRequired(boolean required) {
      settings.keyRequired = required;
      return this;
    }

    /**
     * The covered methods; others run without idempotency. See {@link HttpConfig#methods()}.
     *
     * @param methods at least one method, any case
     * @return this builder
     * @throws IllegalArgumentException when none is given or one is blank
     */
    public Builder methods(String... methods) {
      Set<String> upper = new TreeSet<>();
      for (String method : methods) {
        upper.add(Require.text("method", method).strip().toUpperCase(Locale.ROOT));
      }
      if (upper.isEmpty()) {
        throw new IllegalArgumentException("methods must name at least one method");
      }
      settings.methods = Collections.unmodifiableSet(upper);
      return this;
    }

    /**
     * What a request with a known key must repeat: a JMESPath expression over the event. Default
     * (or {@code ONCE_VALIDATION_PATH} when set): the method, the path and a SHA-256 digest of the
     * body. Another request under the same key gets 422.
     *
     * @param expression JMESPath over the event, compiled now
     * @return this builder
     * @throws IllegalArgumentException naming it when blank or it does not parse
     */
    public Builder fingerprintPath(String expression) {
      settings.fingerprintPath = Idempotency.checkPath("fingerprintPath", expression);
      return this;
    }

    /**
     * The replay marker's name; a replay carries {@code <name>: true}.
     *
     * @param name the header's name
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder replayHeader(String name) {
      settings.replayHeader = Require.text("replayHeader", name).strip();
      return this;
    }

    /**
     * No replay marker: a replay looks exactly like the first response.
     *
     * @return this builder
     */
    public Builder noReplayHeader() {
      settings.replayHeader = null;
      return this;
    }

    /**
     * Response headers never stored nor replayed, any case; replaces the default, {@code
     * Set-Cookie} (on HTTP API responses also the {@code cookies} field). Hop-by-hop headers are
     * never replayed whatever this says.
     *
     * @param names header names
     * @return this builder
     * @throws IllegalArgumentException when a name is blank
     */
    public Builder deniedHeaders(String... names) {
      Set<String> lower = new TreeSet<>();
      for (String name : names) {
        lower.add(Require.text("deniedHeaders", name).strip().toLowerCase(Locale.ROOT));
      }
      settings.deniedHeaders = Collections.unmodifiableSet(lower);
      return this;
    }

    /**
     * Which responses are stored and replayed, by status; the others are returned once and the key
     * released, so a retry runs again. Default {@link HttpConfig#storedByDefault}.
     *
     * @param storedStatuses true for a status whose responses are stored
     * @return this builder
     */
    public Builder storedStatuses(IntPredicate storedStatuses) {
      settings.storedStatuses = Objects.requireNonNull(storedStatuses, "storedStatuses");
      return this;
    }

    /**
     * Scopes keys per caller by a request header (for example an API key's id that API Gateway
     * adds): two callers using the same key value never see each other's responses. Replaces a
     * caller path of the config this builder started from.
     *
     * @param name the header's name
     * @return this builder
     * @throws IllegalArgumentException when blank
     * @throws IllegalStateException when a caller path was set on this builder
     */
    public Builder callerHeader(String name) {
      String checked = Require.text("callerHeader", name).strip();
      exclusive("callerHeader", "callerPath");
      settings.callerHeader = checked;
      settings.callerPath = null;
      return this;
    }

    /**
     * Scopes keys per caller by a JMESPath expression over the event, for example an authorizer
     * claim: {@code requestContext.authorizer.claims.sub} (REST), {@code
     * requestContext.authorizer.jwt.claims.sub} (HTTP API). Replaces a caller header of the config
     * this builder started from.
     *
     * @param expression JMESPath over the event, compiled now
     * @return this builder
     * @throws IllegalArgumentException naming it when blank or it does not parse
     * @throws IllegalStateException when a caller header was set on this builder
     */
    public Builder callerPath(String expression) {
      String checked = Idempotency.checkPath("callerPath", expression);
      exclusive("callerPath", "callerHeader");
      settings.callerPath = checked;
      settings.callerHeader = null;
      return this;
    }

    /**
     * The {@code Retry-After} a duplicate in progress gets; see {@link HttpConfig#retryAfter()}.
     *
     * @param retryAfter whole seconds, at least one
     * @return this builder
     * @throws IllegalArgumentException when under a second
     */
    public Builder retryAfter(Duration retryAfter) {
      settings.retryAfter =
          Require.between(
              "retryAfter", retryAfter, Duration.ofSeconds(1), Idempotency.MAX_DURATION);
      return this;
    }

    /**
     * The longest key accepted, in characters; see {@link HttpConfig#maxKeyLength()}.
     *
     * @param characters the length
     * @return this builder
     * @throws IllegalArgumentException unless positive
     */
    public Builder maxKeyLength(int characters) {
      settings.maxKeyLength = Require.positive("maxKeyLength", characters);
      return this;
    }

    /**
     * The settings; no side effects, and the builder can go on to build variants.
     *
     * @return a new config, with its own copy of the settings
     */
    public HttpConfig build() {
      return new HttpConfig(settings.copy());
    }

    private void exclusive(String setting, String other) {
      Require.state(
          !made.contains(other), setting + " conflicts with " + other + ", set on this builder");
      made.add(setting);
    }
  }
}
