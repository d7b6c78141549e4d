package dev.once.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.once.Idempotency;
import dev.once.InMemoryStore;
import dev.once.KeyExtractionException;
import dev.once.MissingKeyException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the engine keys an HTTP request on: the key (the header, or an expression over the
 * event), its scope (the route, and the caller when configured) and the fingerprint a repeat must
 * match. A request that cannot be read is refused with a 400 problem. Immutable and thread-safe.
 */
final class HttpKeys {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final HttpConfig config;
  private final Idempotency keySelector;
  private final Idempotency fingerprintSelector;
  private final Idempotency callerSelector;

  /**
   * Expressions from {@code config}, else {@code ONCE_KEY_PATH} and {@code ONCE_VALIDATION_PATH}.
   */
  HttpKeys(HttpConfig config, LambdaConfig lambda) {
    this.config = config;
    this.keySelector = selector(config.keyPath().or(lambda::keyPath));
    this.fingerprintSelector = selector(config.fingerprintPath().or(lambda::validationPath));
    this.callerSelector = selector(config.callerPath());
  }

  /**
   * An engine only to evaluate an expression over events ({@code keyOf}, which hashes what it
   * selects); it never calls its store.
   */
  private static Idempotency selector(Optional<String> path) {
    return path.map(p -> Idempotency.builder(new InMemoryStore()).keyPath(p).build()).orElse(null);
  }

  /** A request refused before anything runs or is stored: the 400 to answer. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StoredResponse problem;

    Refused(StoredResponse problem) {
      super(null, null, false, false);
      this.problem = problem;
    }

    StoredResponse problem() {
      return problem;
    }
  }

  /**
   * The engine's input for {@code request}: {@code {"key": {route, caller, key}, "fingerprint":
   * ...}}, or {@code null} when it has no key and none is required (it runs unprotected).
   *
   * @throws Refused when the key, or the fingerprint, cannot be read
   */
  ObjectNode input(HttpRequest request) {
    String key = key(request);
    if (key == null) {
      return null;
    }
    ObjectNode input = NODES.objectNode();
    ObjectNode scoped = input.putObject(Engines.HTTP_KEY_PATH);
    scoped.put("route", request.route());
    scoped.put("caller", caller(request));
    scoped.put("key", key);
    input.put(Engines.HTTP_FINGERPRINT_PATH, fingerprint(request));
    return input;
  }

  private String key(HttpRequest request) {
    if (keySelector != null) {
      try {
        return keySelector.keyOf(request.event());
      } catch (MissingKeyException e) {
        return missing(request, "the request holds no idempotency key: " + e.getMessage());
      } catch (KeyExtractionException e) {
        throw refused(
            request,
            HttpProblems.KEY_UNREADABLE,
            "the idempotency key cannot be read from the request: " + e.getMessage());
      }
    }
    IdempotencyKeyHeader.Parsed parsed =
        IdempotencyKeyHeader.parse(
            config.keyHeader(), request.header(config.keyHeader()), config.maxKeyLength());
    if (parsed instanceof IdempotencyKeyHeader.Key key) {
      return key.value();
    }
    if (parsed instanceof IdempotencyKeyHeader.Unreadable unreadable) {
      throw refused(request, HttpProblems.KEY_UNREADABLE, unreadable.reason());
    }
    return missing(
        request,
        request.method()
            + " requests here need an "
            + config.keyHeader()
            + " header, a unique value per request (a UUID)");
  }

  /** No key: refused when one is required, else {@code null} (run unprotected). */
  private String missing(HttpRequest request, String detail) {
    if (config.keyRequired()) {
      throw refused(request, HttpProblems.KEY_MISSING, detail);
    }
    return null;
  }

  /** The caller the key is scoped to, {@code ""} when not scoped or not known. */
  private String caller(HttpRequest request) {
    if (config.callerHeader().isPresent()) {
      List<String> values = request.header(config.callerHeader().get());
      return String.join(",", values);
    }
    if (callerSelector != null) {
      try {
        return callerSelector.keyOf(request.event());
      } catch (MissingKeyException | KeyExtractionException e) {
        return "";
      }
    }
    return "";
  }

  /** What a repeat must match: the selected part's digest, or the method, path and body's. */
  private String fingerprint(HttpRequest request) {
    if (fingerprintSelector != null) {
      try {
        return fingerprintSelector.keyOf(request.event());
      } catch (MissingKeyException e) {
        return "";
      } catch (KeyExtractionException e) {
        throw refused(
            request,
            HttpProblems.KEY_UNREADABLE,
            "the request's fingerprint cannot be read: " + e.getMessage());
      }
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          (request.method() + "\n" + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(request.body()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Refused refused(HttpRequest request, String code, String detail) {
    return new Refused(HttpProblems.problem(400, code, detail, 0, request.multiValue()));
  }
}
