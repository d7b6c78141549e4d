package dev.once;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a JSON value, as RFC 8785 (JSON Canonicalization Scheme) defines it: no
 * whitespace, object members sorted by the UTF-16 code units of their names, strings escaped as
 * ECMAScript's {@code JSON.stringify} does, numbers in ECMAScript's shortest round-trip notation,
 * UTF-8. Equal values give equal bytes: {@code 1}, {@code 1.0} and {@code 1e0} are all {@code 1};
 * {@code -0.0} is {@code 0}.
 *
 * <p>Where RFC 8785 leaves a value out, this class decides:
 *
 * <ul>
 *   <li>NaN and the infinities have no JSON form: {@link KeyExtractionException}.
 *   <li>A number a double cannot hold exactly (an integer beyond 2<sup>53</sup>, a decimal with
 *       more significant digits than a double keeps) is not rounded to a double, which would give
 *       distinct ids one key: it is written exactly, in the same notation.
 *   <li>A double stands for the shortest decimal that reads back as it (what Jackson writes), and a
 *       float likewise for the shortest decimal that reads back as that float.
 *   <li>A lone surrogate (not valid I-JSON) is escaped as {@code \}{@code udxxx}, as ECMAScript
 *       2019's well-formed {@code JSON.stringify} does, so it collides with no other string.
 *   <li>Binary is its base64 text; a POJO inside a tree is its JSON form.
 * </ul>
 *
 * <p>Not thread-safe: one instance per value.
 */
final class CanonicalJson {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;

  private CanonicalJson(int capacity) {
    this.bytes = new byte[capacity];
  }

  /**
   * The canonical UTF-8 bytes of {@code value}.
   *
   * @throws KeyExtractionException when it holds a number with no JSON form (NaN, ±Infinity)
   */
  static byte[] of(JsonNode value) {
    CanonicalJson out = new CanonicalJson(128);
    out.value(value);
    return Arrays.copyOf(out.bytes, out.length);
  }

  /** The canonical UTF-8 bytes of a string value: its quoted, escaped literal. */
  static byte[] ofText(String text) {
    CanonicalJson out = new CanonicalJson(text.length() + 8);
    out.string(text);
    return Arrays.copyOf(out.bytes, out.length);
  }

  private void value(JsonNode node) {
    if (node.isObject()) {
      object(node);
    } else if (node.isArray()) {
      append('[');
      boolean first = true;
      for (JsonNode element : node) {
        if (!first) {
          append(',');
        }
        first = false;
        value(element);
      }
      append(']');
    } else if (node.isTextual()) {
      string(node.textValue());
    } else if (node.isNumber()) {
      ascii(CanonicalNumber.of(node));
    } else if (node.isBoolean()) {
      ascii(node.booleanValue() ? "true" : "false");
    } else if (node.isBinary()) {
      string(node.asText()); // base64, as Jackson writes binary
    } else if (node instanceof POJONode pojo) {
      // A tree built with putPOJO: its JSON form, not its toString, so equal values are equal.
      value(DefaultMappers.plain().valueToTree(pojo.getPojo()));
    } else {
      ascii("null"); // null and missing
    }
  }

  private void object(JsonNode node) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
    // String.compareTo compares UTF-16 code units, the order RFC 8785 asks for.
    members.sort(Map.Entry.comparingByKey());
    append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : members) {
      if (!first) {
        append(',');
      }
      first = false;
      string(member.getKey());
      append(':');
      value(member.getValue());
    }
    append('}');
  }

  /** A string literal: the escapes of ECMAScript's JSON.stringify, everything else as UTF-8. */
  private void string(String text) {
    append('"');
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        append(c);
      } else if (c < 0x80) {
        escape(c);
      } else if (c < 0x800) {
        append(0xc0 | (c >> 6));
        append(0x80 | (c & 0x3f));
      } else if (!Character.isSurrogate(c)) {
        append(0xe0 | (c >> 12));
        append(0x80 | ((c >> 6) & 0x3f));
        append(0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        append(0xf0 | (cp >> 18));
        append(0x80 | ((cp >> 12) & 0x3f));
        append(0x80 | ((cp >> 6) & 0x3f));
        append(0x80 | (cp & 0x3f));
      } else {
        unicodeEscape(c); // a lone surrogate
      }
    }
    append('"');
  }

  private void escape(char c) {
    switch (c) {
      case '"' -> ascii("\\\"");
      case '\\' -> ascii("\\\\");
      case '\b' -> ascii("\\b");
      case '\t' -> ascii("\\t");
      case '\n' -> ascii("\\n");
      case '\f' -> ascii("\\f");
      case '\r' -> ascii("\\r");
      default -> unicodeEscape(c);
    }
  }

  private void unicodeEscape(char c) {
    ascii("\\u");
    append(HEX[(c >> 12) & 0xf]);
    append(HEX[(c >> 8) & 0xf]);
    append(HEX[(c >> 4) & 0xf]);
    append(HEX[c & 0xf]);
  }

  private void ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      append(text.charAt(i));
    }
  }

  private void append(int b) {
    if (length == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    bytes[length++] = (byte) b;
  }

  /** Numbers in ECMAScript's notation; see the class comment for those a double cannot hold. */
  static final class CanonicalNumber {

    private CanonicalNumber() {}

    /**
     * @throws KeyExtractionException for NaN and the infinities
     */
    static String of(JsonNode number) {
      if (number.isInt() || number.isLong() || number.isShort()) {
        return Long.toString(number.longValue());
      }
      if (number.isDouble()) {
        return ofDouble(number.doubleValue());
      }
      if (number.isFloat()) {
        return ofFloat(number.floatValue());
      }
      if (number.isBigInteger()) {
        return ofDecimal(new BigDecimal(number.bigIntegerValue()));
      }
      return ofDecimal(number.decimalValue());
    }

    static String ofDouble(double value) {
      requireFinite(Double.isFinite(value), Double.toString(value));
      if (value == 0) {
        return "0"; // and -0
      }
      return ofDecimal(Shortest.ofDouble(value));
    }

    static String ofFloat(float value) {
      requireFinite(Float.isFinite(value), Float.toString(value));
      if (value == 0) {
        return "0";
      }
      return ofDecimal(Shortest.ofFloat(value));
    }

    private static void requireFinite(boolean finite, String value) {
      if (!finite) {
        throw new KeyExtractionException(
            "the key or validation value holds the number "
                + value
                + ", which has no JSON form: RFC 8785 canonical JSON takes finite numbers only",
            null);
      }
    }

    /**
     * ECMAScript's Number::toString layout over the exact decimal digits of {@code value}: plain
     * digits up to 21 integer digits, {@code 0.000001} down to six leading zeros, exponent notation
     * ({@code 1e+21}, {@code 1.5e-7}) beyond.
     */
    static String ofDecimal(BigDecimal value) {
      if (value.signum() == 0) {
        return "0";
      }
      BigDecimal stripped = value.stripTrailingZeros();
      String digits = stripped.unscaledValue().abs().toString();
      int k = digits.length();
      long n = (long) k - stripped.scale(); // value = 0.digits × 10^n
      StringBuilder out = new StringBuilder(k + 8);
      if (stripped.signum() < 0) {
        out.append('-');
      }
      if (k <= n && n <= 21) {
        out.append(digits);
        out.append("0".repeat((int) (n - k)));
      } else if (0 < n && n <= 21) {
        out.append(digits, 0, (int) n).append('.').append(digits, (int) n, k);
      } else if (-6 < n && n <= 0) {
        out.append("0.").append("0".repeat((int) -n)).append(digits);
      } else {
        out.append(digits.charAt(0));
        if (k > 1) {
          out.append('.').append(digits, 1, k);
        }
        long exponent = n - 1;
        out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
      }
      return out.toString();
    }
  }
}
