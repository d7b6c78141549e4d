package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fast field path must select exactly what JMESPath selects over the input's JSON form. */
class PropertyPathTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JacksonRuntime RUNTIME = JmesPathFunctions.runtime(MAPPER);

  record Detail(String orderId, int quantity, @JsonProperty("customer_id") String customer) {}

  record Envelope(String id, Detail detail, Map<String, Object> attributes) {}

  record Hidden(@JsonIgnore String secret, String shown) {}

  record Formatted(@JsonFormat(shape = JsonFormat.Shape.STRING) long amount) {}

  static Stream<Arguments> inputsAndPaths() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("tenant", "t-1");
    attributes.put("count", 7L);
    Envelope envelope = new Envelope("e-1", new Detail("o-9", 3, "c-2"), attributes);
    JsonNode tree = MAPPER.valueToTree(envelope);
    return Stream.of(
        Arguments.of(envelope, "id"),
        Arguments.of(envelope, "detail.orderId"),
        Arguments.of(envelope, "detail.quantity"),
        Arguments.of(envelope, "detail.customer_id"),
        Arguments.of(envelope, "detail.customer"),
        Arguments.of(envelope, "detail"),
        Arguments.of(envelope, "attributes.tenant"),
        Arguments.of(envelope, "attributes.count"),
        Arguments.of(envelope, "attributes.absent"),
        Arguments.of(envelope, "missing.deeper"),
        Arguments.of(new Envelope("e-2", null, null), "detail.orderId"),
        Arguments.of(tree, "detail.orderId"),
        Arguments.of(tree, "detail"),
        Arguments.of(attributes, "tenant"),
        Arguments.of(new Hidden("s", "v"), "secret"),
        Arguments.of(new Hidden("s", "v"), "shown"),
        Arguments.of(new Formatted(42), "amount"),
        Arguments.of(List.of("a", "b"), "id"),
        Arguments.of("plain text", "id"));
  }

  @ParameterizedTest
  @MethodSource("inputsAndPaths")
  void selectsWhatJmesPathSelectsOverTheTree(Object input, String path) {
    JsonNode expected = RUNTIME.compile(path).search(MAPPER.valueToTree(input));
    if (expected == null) {
      expected = MAPPER.nullNode();
    }

    JsonNode selected = Selector.path("keyPath", path, MAPPER).select(input);

    assertThat(selected).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("inputsAndPaths")
  void hashesTheSameKeyBothWays(Object input, String path) {
    KeyHasher hasher = new KeyHasher(dev.once.KeyFormat.ONCE, "SHA-256");
    JsonNode expected = RUNTIME.compile(path).search(MAPPER.valueToTree(input));
    if (expected == null) {
      expected = MAPPER.nullNode();
    }

    JsonNode selected = Selector.path("keyPath", path, MAPPER).select(input);

    assertThat(hasher.hash(selected)).isEqualTo(hasher.hash(expected));
  }

  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
  record Sparse(String orderId) {}

  @com.fasterxml.jackson.annotation.JsonTypeInfo(
      use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
      include = com.fasterxml.jackson.annotation.JsonTypeInfo.As.WRAPPER_OBJECT)
  record Wrapped(String orderId) {}

  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  record AsArray(String orderId) {}

  record Ids(Long id) {}

  record Counted(String orderId, int n) {}

  static Stream<Arguments> mappersInputsAndPaths() {
    ObjectMapper plain = new ObjectMapper();
    ObjectMapper nonDefault =
        new ObjectMapper()
            .setSerializationInclusion(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT);
    ObjectMapper longsAsText =
        new ObjectMapper()
            .registerModule(
                new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(
                        Long.class,
                        com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));
    java.util.TreeMap<String, Object> caseless =
        new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.put("OrderId", "o-1");
    return Stream.of(
        Arguments.of(plain, new Sparse(""), "orderId"),
        Arguments.of(plain, new Sparse("o-1"), "orderId"),
        Arguments.of(nonDefault, new Counted("", 0), "n"),
        Arguments.of(nonDefault, new Counted("", 0), "orderId"),
        Arguments.of(plain, new Wrapped("o-1"), "orderId"),
        Arguments.of(plain, new AsArray("o-1"), "orderId"),
        Arguments.of(longsAsText, new Ids(123L), "id"),
        Arguments.of(longsAsText, Map.of("id", 123L), "id"),
        Arguments.of(plain, caseless, "orderid"),
        Arguments.of(plain, new Ids(123L), "id"));
  }

  /** Jackson settings that change the JSON form must not be skipped by the shortcut. */
  @ParameterizedTest
  @MethodSource("mappersInputsAndPaths")
  void honoursWhatTheMapperWrites(ObjectMapper mapper, Object input, String path) {
    JacksonRuntime runtime = JmesPathFunctions.runtime(mapper);
    JsonNode expected = runtime.compile(path).search(mapper.valueToTree(input));
    if (expected == null) {
      expected = mapper.nullNode();
    }

    JsonNode selected = Selector.path("keyPath", path, mapper).select(input);

    assertThat(selected).isEqualTo(expected);
  }
}
