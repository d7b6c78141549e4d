package dev.once.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the HTTP layer reads of a request, whichever source sent it.
 *
 * @param method the method, upper case
 * @param route the route the key is scoped to: the API's route template where the source has one
 *     ({@code POST /orders/{id}}), else the method and path
 * @param path the request path, for the fingerprint
 * @param headers every header, names lower case (the sources keep the client's case)
 * @param body the body's bytes (decoded when the source sent base64), empty when none
 * @param event the event as received, for key, fingerprint and caller expressions
 * @param multiValue true when answers must use multi-value headers (ALB with them turned on)
 */
record HttpRequest(
    String method,
    String route,
    String path,
    Map<String, List<String>> headers,
    byte[] body,
    Object event,
    boolean multiValue) {

  /** The values of {@code name}, any case; empty when absent. */
  List<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? List.of() : values;
  }

  /**
   * Headers from a source's single- and multi-value maps, names lower case; a multi-value entry
   * wins over the single one of the same name (the sources send both with the same content).
   */
  static Map<String, List<String>> headers(
      Map<String, String> single, Map<String, List<String>> multi) {
    Map<String, List<String>> all = new TreeMap<>();
    if (single != null) {
      single.forEach(
          (name, value) -> {
            if (name != null && value != null) {
              all.put(name.toLowerCase(Locale.ROOT), List.of(value));
            }
          });
    }
    if (multi != null) {
      multi.forEach(
          (name, values) -> {
            if (name != null && values != null) {
              all.put(
                  name.toLowerCase(Locale.ROOT),
                  List.copyOf(values.stream().filter(v -> v != null).toList()));
            }
          });
    }
    return all;
  }

  /**
   * The body's bytes.
   *
   * @throws IllegalArgumentException when {@code base64} is set and the body is not base64
   */
  static byte[] body(String body, Boolean base64) {
    if (body == null) {
      return new byte[0];
    }
    return Boolean.TRUE.equals(base64)
        ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
  }

  static String upper(String method) {
    return method == null ? "" : method.toUpperCase(Locale.ROOT);
  }
}
