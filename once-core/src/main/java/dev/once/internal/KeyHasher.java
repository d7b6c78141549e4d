package dev.once.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.once.KeyFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Hashes key and validation values: the digest of their canonical form, as lowercase hex. Thread
 * safe: each call clones a prototype digest.
 */
public final class KeyHasher {

  private static final JsonFactory JSON = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper POJO_MAPPER = new ObjectMapper();

  private final KeyFormat format;
  private final MessageDigest prototype;
  private final boolean cloneable;

  /**
   * @throws IllegalArgumentException naming the algorithm when the JDK has no such digest
   */
  public KeyHasher(KeyFormat format, String algorithm) {
    this.format = format;
    try {
      this.prototype = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException(
          "hashAlgorithm \"" + algorithm + "\" is not a digest this JDK provides", e);
    }
    this.cloneable = canClone(prototype);
  }

  /** The default digest for a key format. */
  public static String defaultAlgorithm(KeyFormat format) {
    return format == KeyFormat.POWERTOOLS ? "MD5" : "SHA-256";
  }

  /** The hex digest of a key or validation value. */
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
      // The common case, a plain id, skips the generator.
      return canonicalText(value.textValue());
    }
    return canonicalJson(value);
  }

  /** Powertools hashes a string's text, a scalar's literal, a container's JSON as given. */
  private static String powertoolsText(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isFloat()) {
      return Float.toString(value.floatValue());
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    return value.toString();
  }

  private static byte[] canonicalText(String text) {
    byte[] plain = quotedPlainAscii(text);
    if (plain != null) {
      return plain;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.writeString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
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

  /** Canonical JSON: object keys sorted, no whitespace. */
  static byte[] canonicalJson(JsonNode value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      writeCanonical(gen, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeCanonical(JsonGenerator gen, JsonNode node) throws IOException {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        fields.add(it.next());
      }
      fields.sort(Map.Entry.comparingByKey());
      gen.writeStartObject();
      for (Map.Entry<String, JsonNode> field : fields) {
        gen.writeFieldName(field.getKey());
        writeCanonical(gen, field.getValue());
      }
      gen.writeEndObject();
    } else if (node.isArray()) {
      gen.writeStartArray();
      for (JsonNode element : node) {
        writeCanonical(gen, element);
      }
      gen.writeEndArray();
    } else {
      writeScalar(gen, node);
    }
  }

  /**
   * Writes a scalar node. The generator has no codec (the factory is a plain {@link JsonFactory}),
   * so {@code writeTree} would fail: each scalar kind is written directly.
   */
  private static void writeScalar(JsonGenerator gen, JsonNode node) throws IOException {
    if (node.isTextual()) {
      gen.writeString(node.textValue());
    } else if (node.isBoolean()) {
      gen.writeBoolean(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      gen.writeNumber(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      gen.writeNumber(node.decimalValue());
    } else if (node.isNumber()) {
      gen.writeNumber(node.doubleValue());
    } else if (node.isBinary()) {
      gen.writeBinary(node.binaryValue());
    } else if (node instanceof POJONode pojo) {
      // A tree built with putPOJO: hashed as the value's JSON form, not its toString, so equal
      // values give equal keys.
      writeCanonical(gen, POJO_MAPPER.valueToTree(pojo.getPojo()));
    } else {
      gen.writeNull(); // null and missing
    }
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
