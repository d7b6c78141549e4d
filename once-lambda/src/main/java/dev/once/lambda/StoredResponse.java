package dev.once.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response as stored and replayed, whichever event source produced it: the fields of API
 * Gateway's, function URLs' and ALB's response objects, kept as given (a base64 body stays the same
 * base64 text, {@code null} stays {@code null}), so a replay is the first response byte for byte
 * apart from the filtered headers and the replay marker.
 *
 * @param statusCode the status
 * @param statusDescription ALB's status line text, or null
 * @param headers single-value headers, or null
 * @param multiValueHeaders multi-value headers (REST, ALB), or null
 * @param cookies HTTP API's {@code cookies} (its {@code Set-Cookie} values), or null
 * @param body the body as the handler returned it, or null
 * @param base64 whether {@code body} is base64 of the bytes to send
 */
record StoredResponse(
    int statusCode,
    String statusDescription,
    Map<String, String> headers,
    Map<String, List<String>> multiValueHeaders,
    List<String> cookies,
    String body,
    Boolean base64) {

  /** This response without the headers {@code config} filters (hop-by-hop and denied). */
  StoredResponse filtered(HttpConfig config) {
    return new StoredResponse(
        statusCode,
        statusDescription,
        headers == null ? null : without(headers, config),
        multiValueHeaders == null ? null : without(multiValueHeaders, config),
        config.filtered("set-cookie") ? null : cookies,
        body,
        base64);
  }

  private static <V> Map<String, V> without(Map<String, V> headers, HttpConfig config) {
    Map<String, V> kept = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (name != null && !config.filtered(name)) {
            kept.put(name, value);
          }
        });
    return kept;
  }

  /**
   * This response with one more header: in the multi-value headers when the response has them (ALB
   * with multi-value headers on reads only those), else in the single-value ones.
   */
  StoredResponse withHeader(String name, String value) {
    if (multiValueHeaders != null) {
      Map<String, List<String>> more = new LinkedHashMap<>(multiValueHeaders);
      more.put(name, List.of(value));
      return new StoredResponse(
          statusCode, statusDescription, headers, more, cookies, body, base64);
    }
    Map<String, String> more =
        headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
    more.put(name, value);
    return new StoredResponse(
        statusCode, statusDescription, more, multiValueHeaders, cookies, body, base64);
  }

  /** Copies of the mutable parts, for the AWS response objects, which callers may change. */
  Map<String, String> headersCopy() {
    return headers == null ? null : new LinkedHashMap<>(headers);
  }

  Map<String, List<String>> multiValueHeadersCopy() {
    if (multiValueHeaders == null) {
      return null;
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    multiValueHeaders.forEach((k, v) -> copy.put(k, v == null ? null : new ArrayList<>(v)));
    return copy;
  }

  List<String> cookiesCopy() {
    return cookies == null ? null : new ArrayList<>(cookies);
  }
}
