package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The ONCE key of a value is the key of its JSON value, not of one Java or JSON spelling of it (RFC
 * 8785): equal values give equal keys however their objects are ordered and their numbers written
 * ({@code 1}, {@code 1.0}, {@code 1e0}, a long, a double, a BigDecimal with trailing zeros), and
 * different values give different keys.
 *
 * <p>Values are generated as a model, a tree whose numbers are normalised {@link BigDecimal}s, so
 * that two models are equal exactly when they are the same JSON value; each model is then written
 * out in randomly chosen equivalent forms.
 */
class KeyCanonicalProperties {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper DOUBLES = new ObjectMapper();
  private static final ObjectMapper DECIMALS =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Idempotency ENGINE = Idempotency.builder(new InMemoryStore()).build();

  @Property(tries = 300)
  void equalValuesGiveEqualKeys(@ForAll("keys") JsonNode model, @ForAll long seed) {
    Random random = new Random(seed);

    assertThat(keyOf(spell(model, random))).isEqualTo(keyOf(spell(model, random)));
  }

  @Property(tries = 300)
  void differentValuesGiveDifferentKeys(
      @ForAll("keys") JsonNode a, @ForAll("keys") JsonNode b, @ForAll long seed) {
    Random random = new Random(seed);
    boolean same = a.equals(b);

    assertThat(keyOf(spell(a, random)).equals(keyOf(spell(b, random)))).isEqualTo(same);
  }

  @Property(tries = 300)
  void aValueChangedInOnePlaceGetsAnotherKey(@ForAll("keys") JsonNode model, @ForAll long seed) {
    Random random = new Random(seed);
    JsonNode changed = change(model, random);

    if (!changed.equals(model) && holdsAKey(changed)) {
      assertThat(keyOf(spell(changed, random))).isNotEqualTo(keyOf(spell(model, random)));
    }
  }

  private static String keyOf(JsonNode value) {
    return ENGINE.keyOf(value);
  }

  // ---- models ----

  /** Values that hold a key: not null, not empty, not only nulls (those are a missing key). */
  @Provide
  Arbitrary<JsonNode> keys() {
    return json(3).filter(KeyCanonicalProperties::holdsAKey);
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

  /** Trees at most {@code depth} containers deep, so generation stays small. */
  private Arbitrary<JsonNode> json(int depth) {
    if (depth == 0) {
      return scalar();
    }
    return Arbitraries.frequencyOf(
        Tuple.of(3, scalar()), Tuple.of(2, object(depth - 1)), Tuple.of(1, array(depth - 1)));
  }

  private Arbitrary<JsonNode> scalar() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.strings().ofMaxLength(6).map(NODES::textNode)),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(4).map(NODES::textNode)),
        Tuple.of(4, numbers().map(KeyCanonicalProperties::number)),
        Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(1, Arbitraries.just(NODES.nullNode())));
  }

  /** Small numbers (so that two trees are sometimes equal), and numbers of every size and scale. */
  private static Arbitrary<BigDecimal> numbers() {
    BigInteger huge = BigInteger.TEN.pow(30);
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 3).map(BigDecimal::valueOf),
        Combinators.combine(
                Arbitraries.integers().between(-30, 30), Arbitraries.integers().between(-2, 2))
            .as(BigDecimal::valueOf),
        Arbitraries.longs().map(BigDecimal::valueOf),
        Combinators.combine(
                Arbitraries.longs().between(-99_999_999_999_999L, 99_999_999_999_999L),
                Arbitraries.integers().between(-40, 40))
            .as(BigDecimal::valueOf),
        Combinators.combine(
                Arbitraries.bigIntegers().between(huge.negate(), huge),
                Arbitraries.integers().between(-40, 40))
            .as(BigDecimal::new),
        Arbitraries.of(0.1, 0.5, 1e21, 1e-7, 1e23, 333333333.3333333, 4.35, 1e308)
            .map(d -> new BigDecimal(Double.toString(d))));
  }

  /** A number in the model: its value with no trailing zeros, so equal values are equal nodes. */
  private static JsonNode number(BigDecimal value) {
    return DecimalNode.valueOf(value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros());
  }

  private Arbitrary<JsonNode> object(int depth) {
    return Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(3), json(depth))
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

  // ---- spellings ----

  /** The model written out: fields in a random order, each number in a random equal form. */
  private static JsonNode spell(JsonNode model, Random random) {
    if (model.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = fields(model);
      Collections.shuffle(fields, random);
      ObjectNode node = NODES.objectNode();
      fields.forEach(f -> node.set(f.getKey(), spell(f.getValue(), random)));
      return node;
    }
    if (model.isArray()) {
      ArrayNode node = NODES.arrayNode();
      model.forEach(e -> node.add(spell(e, random)));
      return node;
    }
    if (model.isNumber()) {
      List<JsonNode> forms = spellings(model.decimalValue());
      return forms.get(random.nextInt(forms.size()));
    }
    return model;
  }

  /** Every way of writing {@code value} this test knows that keeps its value exactly. */
  private static List<JsonNode> spellings(BigDecimal value) {
    List<JsonNode> forms = new ArrayList<>();
    forms.add(DecimalNode.valueOf(value));
    forms.add(DecimalNode.valueOf(value.setScale(value.scale() + 2)));
    forms.add(read(DECIMALS, value.unscaledValue() + "e" + (-value.scale())));
    int digits = value.precision();
    int exponent = digits - value.scale();
    if (value.signum() == 0) {
      forms.add(NODES.numberNode(-0.0));
      forms.add(NODES.numberNode(0.0f));
    }
    if (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0) {
      BigInteger integer = value.toBigIntegerExact();
      forms.add(NODES.numberNode(integer));
      forms.add(read(DOUBLES, integer.toString())); // an int, a long or a BigInteger
      if (integer.bitLength() < 64) {
        forms.add(NODES.numberNode(integer.longValue()));
      }
    }
    // Up to 15 significant digits a decimal is exactly the shortest form of its nearest double,
    // and up to 6 that of its nearest float; outside the subnormal range.
    if (digits <= 15 && Math.abs(exponent) < 300) {
      forms.add(NODES.numberNode(value.doubleValue()));
      forms.add(read(DOUBLES, value.toString()));
      forms.add(read(DOUBLES, value.unscaledValue() + ".0e" + (-value.scale())));
    }
    if (digits <= 6 && Math.abs(exponent) < 30) {
      forms.add(NODES.numberNode(value.floatValue()));
    }
    return forms;
  }

  private static JsonNode read(ObjectMapper mapper, String json) {
    try {
      return mapper.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("the test wrote bad JSON: " + json, e);
    }
  }

  // ---- changes ----

  /** The model with one value in it changed (a number, a string, a name, an element). */
  private static JsonNode change(JsonNode model, Random random) {
    if (model.isObject() && model.size() > 0) {
      List<Map.Entry<String, JsonNode>> fields = fields(model);
      int pick = random.nextInt(fields.size());
      ObjectNode node = NODES.objectNode();
      for (int i = 0; i < fields.size(); i++) {
        Map.Entry<String, JsonNode> f = fields.get(i);
        if (i != pick) {
          node.set(f.getKey(), f.getValue());
        } else if (random.nextBoolean()) {
          node.set(f.getKey() + "x", f.getValue());
        } else {
          node.set(f.getKey(), change(f.getValue(), random));
        }
      }
      return node;
    }
    if (model.isArray() && model.size() > 0) {
      ArrayNode node = NODES.arrayNode();
      int pick = random.nextInt(model.size());
      for (int i = 0; i < model.size(); i++) {
        node.add(i == pick ? change(model.get(i), random) : model.get(i));
      }
      return node;
    }
    if (model.isContainerNode()) {
      return model.isArray()
          ? NODES.arrayNode().add(NODES.nullNode()).add(1)
          : NODES.objectNode().put("x", 1);
    }
    if (model.isNumber()) {
      return number(changed(model.decimalValue(), random));
    }
    if (model.isTextual()) {
      return NODES.textNode(model.textValue() + (char) random.nextInt(0x10000));
    }
    if (model.isBoolean()) {
      return NODES.booleanNode(!model.booleanValue());
    }
    return NODES.textNode("null");
  }

  /** Another number: one more in its last digit, beyond its last digit, or its opposite. */
  private static BigDecimal changed(BigDecimal value, Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> value.add(BigDecimal.ONE.movePointLeft(value.scale()));
      case 1 -> value.add(BigDecimal.ONE.movePointLeft(value.scale() + 20));
      default -> value.signum() == 0 ? BigDecimal.ONE : value.negate();
    };
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode object) {
    return new ArrayList<>(object.properties());
  }
}
