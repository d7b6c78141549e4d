package dev.once.spi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.once.ResultCodecException;
import dev.once.ResultType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON through Jackson. Decoding uses only the declared type; the mapper's default typing is never
 * enabled here, so stored data cannot choose classes.
 */
final class JacksonResultCodec implements ResultCodec {

  private final ObjectMapper mapper;
  private final boolean rawStrings;
  private final ConcurrentHashMap<ResultType<?>, ObjectReader> readers = new ConcurrentHashMap<>();

  /**
   * Creates a codec over a configured mapper.
   *
   * @param mapper the mapper to encode and decode with; not changed afterwards
   * @param rawStrings store a {@code String} result as its text, as Powertools does
   */
  JacksonResultCodec(ObjectMapper mapper, boolean rawStrings) {
    this.mapper = mapper;
    this.rawStrings = rawStrings;
  }

  @Override
  public byte[] encode(Object value) {
    if (rawStrings && value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new ResultCodecException(
          "the result of type " + value.getClass().getName() + " cannot be written as JSON",
          null,
          e);
    }
  }

  @Override
  public <T> T decode(byte[] data, ResultType<T> type) {
    if (rawStrings && type.type() == String.class) {
      @SuppressWarnings("unchecked")
      T text = (T) new String(data, StandardCharsets.UTF_8);
      return text;
    }
    try {
      return readers.computeIfAbsent(type, this::reader).readValue(data);
    } catch (IOException e) {
      throw new ResultCodecException(
          "the stored result does not read as " + type.type().getTypeName(), null, e);
    }
  }

  /** Asks Jackson whether it can build values of {@code type}; see {@link JacksonReadability}. */
  @Override
  public void checkReadable(ResultType<?> type) {
    if (rawStrings && type.type() == String.class) {
      return;
    }
    JavaType javaType = mapper.getTypeFactory().constructType(type.type());
    String problem = JacksonReadability.problem(mapper, javaType);
    if (problem != null) {
      throw new ResultCodecException(
          "results of type "
              + type.type().getTypeName()
              + " could be stored but not read back: "
              + problem
              + "; nothing ran",
          null,
          null);
    }
  }

  private ObjectReader reader(ResultType<?> type) {
    JavaType javaType = mapper.getTypeFactory().constructType(type.type());
    return mapper.readerFor(javaType);
  }
}
