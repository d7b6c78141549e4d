package dev.once.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error responses of the HTTP layer, as RFC 9457 problem details ({@code
 * application/problem+json}): {@code type} {@code about:blank}, {@code title} the status's reason
 * phrase, {@code detail} what is wrong with this request, and a {@code code} member a client can
 * match on.
 */
final class HttpProblems {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code code} members. */
  static final String KEY_MISSING = "idempotency-key-missing";

  static final String KEY_UNREADABLE = "idempotency-key-unreadable";
  static final String KEY_REUSED = "idempotency-key-reused";
  static final String IN_PROGRESS = "request-in-progress";
  static final String TAKEN_OVER = "request-taken-over";
  static final String UNAVAILABLE = "idempotency-unavailable";

  private HttpProblems() {}

  /**
   * A problem response.
   *
   * @param retryAfterSeconds the {@code Retry-After} value, or 0 for none
   * @param multiValue headers in the multi-value map (ALB with multi-value headers on)
   */
  static StoredResponse problem(
      int status, String code, String detail, long retryAfterSeconds, boolean multiValue) {
    String title = title(status);
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("code", code);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/problem+json");
    if (retryAfterSeconds > 0) {
      headers.put("Retry-After", Long.toString(retryAfterSeconds));
    }
    Map<String, List<String>> multi = null;
    if (multiValue) {
      multi = new LinkedHashMap<>();
      for (Map.Entry<String, String> h : headers.entrySet()) {
        multi.put(h.getKey(), List.of(h.getValue()));
      }
      headers = null;
    }
    return new StoredResponse(
        status, status + " " + title, headers, multi, null, body.toString(), false);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 409 -> "Conflict";
      case 422 -> "Unprocessable Content";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
