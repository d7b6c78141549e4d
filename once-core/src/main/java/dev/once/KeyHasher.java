package dev.once;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes key and validation values: the digest of their canonical form, as lowercase hex. Thread
 * safe: each call clones a prototype digest.
 */
final class KeyHasher {

  private static final HexFormat HEX = HexFormat.of();

  private final KeyFormat format;
  private final MessageDigest prototype;
  private final boolean cloneable;

  /**
   * Creates a hasher for one key format and digest.
   *
   * @param format how values are turned into bytes before hashing, and how the digest is printed
   * @param algorithm the JDK digest's name, e.g. {@code "SHA-256"}
   * @throws IllegalArgumentException naming the algorithm when the JDK has no such digest
   */
  KeyHasher(KeyFormat format, String algorithm) {
    this.format = format;
    try {
      this.prototype = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw unknown(algorithm, e);
    }
    this.cloneable = canClone(prototype);
  }

  /**
   * Checks that the JDK provides the digest {@code algorithm}, as {@link #KeyHasher} would.
   *
   * @param algorithm the digest's name
   * @return {@code algorithm}
   * @throws IllegalArgumentException naming the algorithm when the JDK has no such digest
   */
  public static String checkAlgorithm(String algorithm) {
    try {
      MessageDigest.getInstance(algorithm);
      return algorithm;
    } catch (NoSuchAlgorithmException e) {
      throw unknown(algorithm, e);
    }
  }

  private static IllegalArgumentException unknown(String algorithm, Exception cause) {
    return new IllegalArgumentException(
        "hashAlgorithm \"" + algorithm + "\" is not a digest this JDK provides", cause);
  }

  /**
   * The default digest for a key format.
   *
   * @param format the key format
   * @return {@code "MD5"} for {@link KeyFormat#POWERTOOLS}, as Powertools hashes, otherwise {@code
   *     "SHA-256"}
   */
  public static String defaultAlgorithm(KeyFormat format) {
    return format == KeyFormat.POWERTOOLS ? "MD5" : "SHA-256";
  }

  /**
   * The hex digest of a key or validation value.
   *
   * @param value the selected value; its canonical form is hashed
   * @return lowercase hex digits: the digest's full width, or at least 32 for the Powertools format
   */
  public String hash(JsonNode value) {
    byte[] digest = digest().digest(bytes(value));
    if (format == KeyFormat.POWERTOOLS) {
      // Powertools prints the digest as a number padded to 32 digits: a longer digest (SHA-256)
      // loses its leading zeros, and keys must match it to the letter.
      return String.format("%032x", new BigInteger(1, digest));
    }
    return HEX.formatHex(digest);
  }

  private byte[] bytes(JsonNode value) {
    if (format == KeyFormat.POWERTOOLS) {
      return powertoolsText(value).getBytes(StandardCharsets.UTF_8);
    }
    if (value.isTextual()) {
      // The common case, a plain id, skips the tree walk.
      return canonicalText(value.textValue());
    }
    return CanonicalJson.of(value);
  }

  /**
   * The text Powertools hashes: a string's characters; a number's or boolean's Java {@code
   * toString} (of the boxed {@code int}, {@code long}, {@code double}, {@code float}, {@code
   * BigInteger} or {@code BigDecimal} Jackson read it as); a container's JSON, as {@code
   * JsonNode.toString} writes it.
   */
  private static String powertoolsText(JsonNode value) {
    if (value.isContainerNode()) {
      return value.toString();
    } else if (value.isTextual()) {
      return value.asText();
    } else if (value.isInt()) {
      return Integer.toString(value.intValue());
    } else if (value.isLong()) {
      return Long.toString(value.longValue());
    } else if (value.isDouble()) {
      return Double.toString(value.doubleValue());
    } else if (value.isFloat()) {
      return Float.toString(value.floatValue());
    } else if (value.isBigInteger()) {
      return value.bigIntegerValue().toString();
    } else if (value.isBigDecimal()) {
      return value.decimalValue().toString();
    } else if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    return value.toString();
  }

  private static byte[] canonicalText(String text) {
    byte[] plain = quotedPlainAscii(text);
    return plain != null ? plain : CanonicalJson.ofText(text);
  }

  /** The JSON literal of a text that needs no escaping, or {@code null} if it needs some. */
  private static byte[] quotedPlainAscii(String text) {
    byte[] bytes = new byte[text.length() + 2];
    bytes[0] = '"';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return null;
      }
      bytes[i + 1] = (byte) c;
    }
    bytes[bytes.length - 1] = '"';
    return bytes;
  }

  /** RFC 8785 canonical JSON; see {@link CanonicalJson}. */
  static byte[] canonicalJson(JsonNode value) {
    return CanonicalJson.of(value);
  }

  private MessageDigest digest() {
    if (cloneable) {
      try {
        return (MessageDigest) prototype.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      return MessageDigest.getInstance(prototype.getAlgorithm(), prototype.getProvider());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean canClone(MessageDigest digest) {
    try {
      digest.clone();
      return true;
    } catch (CloneNotSupportedException e) {
      return false;
    }
  }
}
