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
   * @throws ResultCodecException when the value cannot be encoded
   */
  byte[] encode(Object value);

  /**
   * Decodes a stored result into the declared type.
   *
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
   * @throws ResultCodecException naming the type and why its values cannot be read back
   */
  default void checkReadable(ResultType<?> type) {}

  /** JSON through Jackson, the default: results are stored as UTF-8 JSON. */
  static ResultCodec json(ObjectMapper mapper) {
    return new JacksonResultCodec(mapper, false);
  }

  /**
   * JSON as Powertools for AWS Lambda (Java) stores it: a {@code String} result is stored as is,
   * not as a JSON string literal; anything else as JSON.
   */
  static ResultCodec powertoolsJson(ObjectMapper mapper) {
    return new JacksonResultCodec(mapper, true);
  }
}
