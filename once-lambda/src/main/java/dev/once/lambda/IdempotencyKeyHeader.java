package dev.once.lambda;

import java.util.List;

/**
 * Reads the {@code Idempotency-Key} field. The draft (draft-ietf-httpapi-idempotency-key-header)
 * makes it an Item Structured Field whose value is a String (RFC 8941, section 3.3.3): {@code
 * "8e03978e-40d5-43e8-bc93-6894a57f9324"}, with {@code \"} and {@code \\} escapes and optional
 * parameters after it, which are ignored. Many clients send the key bare, as Stripe's API takes it:
 * a bare value of visible ASCII without quotes, commas, semicolons or spaces is accepted as the key
 * too. More than one field (or one folded into a comma list) is refused, as the draft forbids it.
 */
final class IdempotencyKeyHeader {

  private IdempotencyKeyHeader() {}

  /** The outcome: a key, no key at all, or why the field cannot be read. */
  sealed interface Parsed {}

  /** The key. */
  record Key(String value) implements Parsed {}

  /** No field, or only empty ones. */
  record Absent() implements Parsed {}

  /** A field that is not a key: what is wrong, for the 400's detail. */
  record Unreadable(String reason) implements Parsed {}

  /**
   * Reads the values of every field of that name (a multi-value header gives several).
   *
   * @param name the field's name, for messages
   * @param maxLength the longest key accepted
   */
  static Parsed parse(String name, List<String> values, int maxLength) {
    List<String> present =
        values == null
            ? List.of()
            : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    if (present.isEmpty()) {
      return new Absent();
    }
    if (present.size() > 1) {
      return new Unreadable("the request has " + present.size() + " " + name + " fields; send one");
    }
    Parsed parsed = item(name, present.get(0).strip());
    if (parsed instanceof Key key) {
      if (key.value().isEmpty()) {
        return new Unreadable(name + " is an empty string");
      }
      if (key.value().length() > maxLength) {
        return new Unreadable(
            name + " is " + key.value().length() + " characters long; at most " + maxLength);
      }
    }
    return parsed;
  }

  private static Parsed item(String name, String field) {
    if (field.charAt(0) != '"') {
      return bare(name, field);
    }
    StringBuilder value = new StringBuilder();
    int i = 1;
    while (i < field.length()) {
      char c = field.charAt(i++);
      if (c == '\\') {
        if (i == field.length() || (field.charAt(i) != '"' && field.charAt(i) != '\\')) {
          return new Unreadable(name + " has a backslash that escapes neither '\"' nor '\\'");
        }
        value.append(field.charAt(i++));
      } else if (c == '"') {
        return parameters(name, field.substring(i), value.toString());
      } else if (c < 0x20 || c > 0x7e) {
        return new Unreadable(name + " holds a character a Structured Field string cannot hold");
      } else {
        value.append(c);
      }
    }
    return new Unreadable(name + " opens a quoted string that does not close");
  }

  /** After the string: nothing, or {@code ;key[=value]} parameters (ignored). */
  private static Parsed parameters(String name, String rest, String value) {
    String trimmed = rest.strip();
    if (trimmed.isEmpty() || trimmed.charAt(0) == ';') {
      return trimmed.indexOf(',') < 0
          ? new Key(value)
          : new Unreadable("the request has more than one " + name + " value; send one");
    }
    return new Unreadable(name + " has text after its quoted string: a list is not allowed");
  }

  private static Parsed bare(String name, String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == ',') {
        return new Unreadable("the request has more than one " + name + " value; send one");
      }
      if (c <= 0x20 || c > 0x7e || c == '"' || c == ';' || c == '\\') {
        return new Unreadable(
            name + " is neither a quoted Structured Field string nor a bare token");
      }
    }
    return new Key(field);
  }
}
