package dev.once.dynamodb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What Powertools for AWS Lambda (Java) 2.10 stores for an event, worked out independently of
 * Once's code, for the tests to compare with: its mapper (as its {@code JsonConfig} builds it,
 * without the Joda module these tests do not need) turns the event into a tree; the key path
 * selects from it; a string is hashed as its text, a number or boolean as its Java value's {@code
 * toString}, an object or array as the tree's {@code toString}; MD5, printed as a number of at
 * least 32 hex digits.
 */
final class PowertoolsReference {

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
          .build();

  private static final JacksonRuntime JMESPATH = new JacksonRuntime();

  private PowertoolsReference() {}

  /** The record key Powertools writes for {@code event}, or for the part {@code path} selects. */
  static String key(String prefix, Object event, String path) throws Exception {
    JsonNode tree = MAPPER.valueToTree(event);
    JsonNode value = path == null ? tree : JMESPATH.compile(path).search(tree);
    return prefix + "#" + md5(hashedText(value));
  }

  /** The {@code data} attribute Powertools writes for a result. */
  static String data(Object result) throws Exception {
    return result instanceof String text ? text : MAPPER.writeValueAsString(result);
  }

  private static String hashedText(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber()) {
      return value.numberValue().toString();
    }
    return value.isBoolean() ? String.valueOf(value.booleanValue()) : value.toString();
  }

  private static String md5(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%032x", new BigInteger(1, digest));
  }
}
