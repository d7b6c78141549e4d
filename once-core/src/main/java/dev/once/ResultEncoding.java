package dev.once;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.once.spi.ResultCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Results and stored failures to bytes and back: the codec, then gzip above a threshold. Compressed
 * data is recognised by the gzip magic bytes, which no JSON text starts with.
 */
final class ResultEncoding {

  private static final byte GZIP_MAGIC_0 = (byte) 0x1f;
  private static final byte GZIP_MAGIC_1 = (byte) 0x8b;

  private final ResultCodec codec;
  private final int compressAbove;

  /** Result types the codec found readable; bounded, as types come from code, not data. */
  private static final int MAX_READABLE_TYPES = 1024;

  private final Set<ResultType<?>> readableTypes = ConcurrentHashMap.newKeySet();

  /**
   * Creates the encoding of one engine.
   *
   * @param codec the codec results go through
   * @param compressAbove the size in bytes above which encoded results are gzipped
   */
  ResultEncoding(ResultCodec codec, int compressAbove) {
    this.codec = codec;
    this.compressAbove = compressAbove;
  }

  /**
   * Checks that results of {@code type} can be read back ({@link ResultCodec#checkReadable}),
   * asking the codec once per type: a type that passed costs one set lookup.
   *
   * @param type the declared result type of a call about to run
   * @param key the call's full key, for the error
   * @throws ResultCodecException naming the type and why, when they cannot
   */
  public void requireReadable(ResultType<?> type, String key) {
    if (readableTypes.contains(type)) {
      return;
    }
    try {
      codec.checkReadable(type);
    } catch (ResultCodecException e) {
      throw withKey(e, key);
    } catch (RuntimeException e) {
      throw new ResultCodecException(
          "the codec "
              + codec.getClass().getName()
              + " failed to check the result type "
              + type.type().getTypeName()
              + " for key "
              + key,
          key,
          e);
    }
    if (readableTypes.size() < MAX_READABLE_TYPES) {
      readableTypes.add(type);
    }
  }

  /**
   * Encodes a result, compressing it when larger than the threshold.
   *
   * @param result the work's result
   * @param key the call's full key, for errors
   * @return the bytes to store
   * @throws ResultCodecException naming the key, when the codec fails or breaks its contract
   */
  public byte[] encode(Object result, String key) {
    byte[] encoded;
    try {
      encoded = codec.encode(result);
    } catch (ResultCodecException e) {
      throw withKey(e, key);
    } catch (RuntimeException e) {
      // A codec outside its contract: still a typed error, so the engine releases the key.
      throw new ResultCodecException(
          "the codec " + codec.getClass().getName() + " failed to encode the result for key " + key,
          key,
          e);
    }
    if (encoded.length > 1 && encoded[0] == GZIP_MAGIC_0 && encoded[1] == GZIP_MAGIC_1) {
      throw new ResultCodecException(
          "the codec produced data starting with the gzip magic bytes, which is reserved",
          key,
          null);
    }
    return encoded.length > compressAbove ? gzip(encoded) : encoded;
  }

  /**
   * Decodes a stored result into the declared type.
   *
   * @param <T> the result type
   * @param data the record's data as stored, compressed or not
   * @param type the declared result type
   * @param key the call's full key, for errors
   * @return the result as the first call returned it
   * @throws ResultCodecException naming the key, whatever is wrong with the data
   */
  public <T> T decode(byte[] data, ResultType<T> type, String key) {
    byte[] plain = stored(data, "result", key);
    try {
      return codec.decode(plain, type);
    } catch (ResultCodecException e) {
      throw withKey(e, key);
    } catch (RuntimeException e) {
      throw new ResultCodecException(
          "the codec " + codec.getClass().getName() + " failed to decode the result for key " + key,
          key,
          e);
    }
  }

  /**
   * A permanent failure as stored data: its class name and message, no stack trace.
   *
   * @param failure the work's exception, declared permanent
   * @param key the call's full key, for errors
   * @return a small JSON object, never compressed
   * @throws ResultCodecException when it cannot be written
   */
  public byte[] encodeFailure(Exception failure, String key) {
    ObjectNode node = DefaultMappers.plain().createObjectNode();
    node.put("type", failure.getClass().getName());
    node.put("message", failure.getMessage());
    try {
      return DefaultMappers.plain().writeValueAsBytes(node);
    } catch (IOException | RuntimeException e) {
      throw new ResultCodecException("the failure for key " + key + " cannot be encoded", key, e);
    }
  }

  /**
   * The exception that replays a stored failure.
   *
   * @param data the record's data as stored, compressed or not
   * @param key the call's full key
   * @return the exception to throw in place of running the work again
   * @throws ResultCodecException naming the key, when the data is not a failure as {@link
   *     #encodeFailure} writes it
   */
  public StoredFailureException decodeFailure(byte[] data, String key) {
    byte[] plain = stored(data, "failure", key);
    JsonNode node;
    try {
      node = DefaultMappers.plain().readTree(plain);
    } catch (IOException | RuntimeException e) {
      throw corrupt("failure", key, "it is not JSON", e);
    }
    if (node == null || !node.path("type").isTextual()) {
      throw corrupt("failure", key, "it is not an object with a \"type\"", null);
    }
    JsonNode message = node.path("message");
    return new StoredFailureException(
        key,
        node.get("type").textValue(),
        message.isNull() || message.isMissingNode() ? null : message.asText());
  }

  /** The data of a finished record as its codec wrote it: present, and decompressed if need be. */
  private static byte[] stored(byte[] data, String what, String key) {
    if (data == null) {
      throw corrupt(what, key, "the record holds no data", null);
    }
    try {
      return uncompressed(data);
    } catch (ResultCodecException e) {
      throw corrupt(what, key, "its gzip data does not decompress", e.getCause());
    }
  }

  private static ResultCodecException corrupt(
      String what, String key, String why, Throwable cause) {
    return new ResultCodecException(
        "the stored " + what + " for key " + key + " is corrupt: " + why, key, cause);
  }

  private static ResultCodecException withKey(ResultCodecException e, String key) {
    if (e.key() != null) {
      return e;
    }
    return new ResultCodecException(e.getMessage() + " (key " + key + ")", key, e.getCause());
  }

  /**
   * Whether stored data was compressed by the engine.
   *
   * @param data a record's data
   * @return true when it starts with the gzip magic bytes
   */
  static boolean isCompressed(byte[] data) {
    return isGzip(data);
  }

  /**
   * Stored data as the codec wrote it: decompressed when the engine compressed it.
   *
   * @param data a record's data
   * @return {@code data} itself, or its decompressed bytes
   * @throws ResultCodecException when data marked as gzip does not decompress
   */
  static byte[] uncompressed(byte[] data) {
    return isGzip(data) ? gunzip(data) : data;
  }

  private static boolean isGzip(byte[] data) {
    return data.length > 1 && data[0] == GZIP_MAGIC_0 && data[1] == GZIP_MAGIC_1;
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] data) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ResultCodecException("stored data marked as gzip does not decompress", null, e);
    }
  }
}
