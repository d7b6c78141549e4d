package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A key path gives the same key whatever Java form the input takes (a map, a bean, a JSON tree),
 * and the same as reading the input's JSON form by hand: the engine's shortcuts for plain field
 * paths must never change a key.
 */
class KeyPathProperties {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NAMES = List.of("a", "b", "id");

  public record Inner(String id, Long a, Boolean b) {}

  public record Outer(String id, Inner a, Map<String, Object> b) {}

  @Property(tries = 300)
  void mapBeanAndTreeGiveTheSameKey(@ForAll("outers") Outer input, @ForAll("paths") String path) {
    JsonNode tree = JSON.valueToTree(input);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = JSON.convertValue(input, Map.class);

    String byHand =
        keyOf(
            Idempotency.builder(new InMemoryStore()).keyFunction(i -> select(tree, path)),
            "ignored");
    String fromBean = keyOf(Idempotency.builder(new InMemoryStore()).keyPath(path), input);
    String fromMap = keyOf(Idempotency.builder(new InMemoryStore()).keyPath(path), map);
    String fromTree = keyOf(Idempotency.builder(new InMemoryStore()).keyPath(path), tree);

    assertThat(fromBean).isEqualTo(byHand);
    assertThat(fromMap).isEqualTo(byHand);
    assertThat(fromTree).isEqualTo(byHand);
  }

  /** JMESPath's field chain over a tree: a field of a non-object is null. */
  private static JsonNode select(JsonNode tree, String path) {
    JsonNode current = tree;
    for (String name : path.split("\\.")) {
      if (current == null || !current.isObject()) {
        return null;
      }
      current = current.get(name);
    }
    return current;
  }

  /** The key, or "missing" when there is none. */
  private static String keyOf(Idempotency.Builder builder, Object input) {
    try {
      return builder.build().keyOf(input);
    } catch (MissingKeyException e) {
      return "missing";
    }
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> name = Arbitraries.of(NAMES);
    return name.list().ofMinSize(1).ofMaxSize(3).map(names -> String.join(".", names));
  }

  @Provide
  Arbitrary<Outer> outers() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(6).injectNull(0.2);
    Arbitrary<Inner> inner =
        net.jqwik.api.Combinators.combine(
                text,
                Arbitraries.longs().injectNull(0.2),
                Arbitraries.of(true, false).injectNull(0.2))
            .as(Inner::new)
            .injectNull(0.2);
    Arbitrary<Object> value =
        Arbitraries.frequencyOf(
            Tuple.of(2, text.map(t -> (Object) t)),
            Tuple.of(2, Arbitraries.integers().map(i -> (Object) i)),
            Tuple.of(1, Arbitraries.longs().map(l -> (Object) l)),
            Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
            Tuple.of(1, Arbitraries.doubles().between(-100, 100).map(d -> (Object) d)),
            Tuple.of(1, Arbitraries.of(NAMES).list().ofMaxSize(2).map(l -> (Object) l)));
    Arbitrary<Map<String, Object>> map =
        Arbitraries.maps(Arbitraries.of(NAMES), value)
            .ofMaxSize(3)
            .map(m -> (Map<String, Object>) new HashMap<>(m))
            .injectNull(0.2);
    return net.jqwik.api.Combinators.combine(text, inner, map).as(Outer::new);
  }
}
