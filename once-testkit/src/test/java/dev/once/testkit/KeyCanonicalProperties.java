package dev.once.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.once.Idempotency;
import dev.once.InMemoryStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The ONCE key of a value does not depend on the order of its objects' fields, at any depth. */
class KeyCanonicalProperties {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Property(tries = 200)
  void fieldOrderNeverChangesTheKey(@ForAll("keys") JsonNode value, @ForAll long seed) {
    JsonNode shuffled = shuffle(value, new Random(seed));

    assertThat(keyOf(shuffled)).isEqualTo(keyOf(value));
  }

  @Property(tries = 200)
  void differentValuesGiveDifferentKeys(@ForAll("keys") JsonNode a, @ForAll("keys") JsonNode b) {
    if (!a.equals(b)) {
      assertThat(keyOf(a)).isNotEqualTo(keyOf(b));
    }
  }

  private static final RecordingListener EVENTS = new RecordingListener();
  private static final Idempotency ENGINE =
      Idempotency.builder(new InMemoryStore()).listener(EVENTS).build();

  /** The key of {@code value}; the call replays when the key was seen before, and names it. */
  private static String keyOf(JsonNode value) {
    ENGINE.call(value, String.class, () -> "r");
    return EVENTS.lastKey();
  }

  /** Values that hold a key: not null, not empty, not only nulls (those are a missing key). */
  @Provide
  Arbitrary<JsonNode> keys() {
    return json().filter(KeyCanonicalProperties::holdsAKey);
  }

  private static boolean holdsAKey(JsonNode value) {
    if (value.isNull()) {
      return false;
    }
    if (value.isContainerNode()) {
      for (JsonNode element : value) {
        if (!element.isNull()) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  @Provide
  Arbitrary<JsonNode> json() {
    return json(3);
  }

  /** Trees at most {@code depth} containers deep, so generation stays small. */
  private Arbitrary<JsonNode> json(int depth) {
    if (depth == 0) {
      return scalar();
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, scalar()),
        net.jqwik.api.Tuple.of(2, object(depth - 1)),
        net.jqwik.api.Tuple.of(1, array(depth - 1)));
  }

  private Arbitrary<JsonNode> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(8).map(NODES::textNode),
        Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
        Arbitraries.doubles().between(-1e6, 1e6).map(d -> (JsonNode) NODES.numberNode(d)),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()));
  }

  private Arbitrary<JsonNode> object(int depth) {
    return Arbitraries.maps(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), json(depth))
        .ofMaxSize(4)
        .map(
            fields -> {
              ObjectNode node = NODES.objectNode();
              fields.forEach(node::set);
              return node;
            });
  }

  private Arbitrary<JsonNode> array(int depth) {
    return json(depth)
        .list()
        .ofMaxSize(3)
        .map(
            elements -> {
              ArrayNode node = NODES.arrayNode();
              elements.forEach(node::add);
              return node;
            });
  }

  private static JsonNode shuffle(JsonNode value, Random random) {
    if (value.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        fields.add(it.next());
      }
      Collections.shuffle(fields, random);
      ObjectNode node = NODES.objectNode();
      fields.forEach(f -> node.set(f.getKey(), shuffle(f.getValue(), random)));
      return node;
    }
    if (value.isArray()) {
      ArrayNode node = NODES.arrayNode();
      value.forEach(e -> node.add(shuffle(e, random)));
      return node;
    }
    return value;
  }
}
