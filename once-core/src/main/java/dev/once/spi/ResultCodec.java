package dev.once.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.ResultCodecException;
import dev.once.ResultType;

/**
 * Turns results into bytes for the store and back.
 *
 * <p>Implementations must be thread-safe, must not use type information found in stored data to
 * choose classes (no polymorphic typing: the declared {@link ResultType} decides), and must not
 * produce output that starts with the gzip magic bytes {@code 1f 8b}, which the engine uses to mark
 * compressed data.
 */
public interface ResultCodec {

  /**
   * Encodes a result.
   *
   * @param value the work's result; may be {@code null} when the codec can encode it
   * @return the bytes to store; never starting with the gzip magic bytes
   * @throws ResultCodecException when the value cannot be encoded
   */
  byte[] encode(Object value);

  /**
   * Decodes a stored result into the declared type.
   *
   * @param <T> the result's Java type
   * @param data the bytes as {@link #encode} produced them, already decompressed
   * @param type the declared result type; it alone decides the class decoded into
   * @return the result, as the work returned it when it was stored
   * @throws ResultCodecException when the data does not decode into {@code type}
   */
  <T> T decode(byte[] data, ResultType<T> type);

  /**
   * Checks, before the work of a call runs, that a result of {@code type} could be decoded again
   * once stored: a type the codec can write but not read back (a class with no usable constructor,
   * say) would otherwise succeed once and then fail every replay of its key until the record
   * expires. The engine asks once per type and remembers the types that pass, so this may be slow;
   * it must be thread-safe.
   *
   * <p>The default checks nothing: a codec that cannot tell leaves it so, and one that can (the
   * JSON codecs here ask Jackson) overrides it.
   *
   * @param type the declared result type of a call about to run
   * @throws ResultCodecException naming the type and why its values cannot be read back
   */
  default void checkReadable(ResultType<?> type) {}

  /**
   * JSON through Jackson, the default: results are stored as UTF-8 JSON.
   *
   * @param mapper the mapper to encode and decode with; configure it before, it must not change
   *     afterwards (Jackson mappers are thread-safe once configured)
   * @return a thread-safe codec that also checks readability of types with {@code mapper}
   */
  static ResultCodec json(ObjectMapper mapper) {
    return new JacksonResultCodec(mapper, false);
  }

  /**
   * JSON as Powertools for AWS Lambda (Java) stores it: a {@code String} result is stored as is,
   * not as a JSON string literal; anything else as JSON.
   *
   * @param mapper the mapper for non-string results; configure it before, it must not change
   *     afterwards
   * @return a thread-safe codec that reads and writes what Powertools' DynamoDB records hold
   */
  static ResultCodec powertoolsJson(ObjectMapper mapper) {
    return new JacksonResultCodec(mapper, true);
  }
}
