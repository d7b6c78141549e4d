package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ONCE key format's canonical JSON against RFC 8785's own examples, and its choices. */
class CanonicalJsonTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String canonical(JsonNode value) {
    return new String(KeyHasher.canonicalJson(value), StandardCharsets.UTF_8);
  }

  /** RFC 8785 Appendix B: IEEE 754 doubles and their serialisation. */
  @ParameterizedTest
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void doublesAreWrittenAsRfc8785AppendixBSays(String ieee754, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));

    assertThat(canonical(NODES.numberNode(value))).isEqualTo(expected);
  }

  @Test
  void theRfcExampleCanonicalisesToTheRfcOutput() throws Exception {
    JsonNode input =
        JSON.readTree(
            "{\n"
                + "  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n"
                + "}");

    assertThat(canonical(input))
        .isEqualTo(
            "{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void membersAreSortedByUtf16CodeUnitsAsTheRfcExampleShows() {
    ObjectNode input = NODES.objectNode();
    input.put("\u20ac", "Euro Sign");
    input.put("\r", "Carriage Return");
    input.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
    input.put("1", "One");
    input.put("\ud83d\ude00", "Emoji: Grinning Face");
    input.put("\u0080", "Control");
    input.put("\u00f6", "Latin Small Letter O With Diaeresis");

    assertThat(canonical(input))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void everyFormOfOneNumberIsWrittenAlike() throws Exception {
    List<JsonNode> ones =
        List.of(
            NODES.numberNode(1),
            NODES.numberNode(1L),
            NODES.numberNode((short) 1),
            NODES.numberNode(1.0),
            NODES.numberNode(1.0f),
            NODES.numberNode(BigInteger.ONE),
            NODES.numberNode(new BigDecimal("1.000")),
            NODES.numberNode(new BigDecimal("0.1E1")),
            JSON.readTree("1e0"),
            JSON.readTree("10E-1"));

    assertThat(ones).extracting(CanonicalJsonTest::canonical).containsOnly("1");
    assertThat(canonical(JSON.readTree("1e2"))).isEqualTo("100");
    assertThat(canonical(NODES.numberNode(new BigDecimal("1E+2")))).isEqualTo("100");
    assertThat(canonical(NODES.numberNode(-0.0))).isEqualTo("0");
    assertThat(canonical(NODES.numberNode(new BigDecimal("-0.000")))).isEqualTo("0");
    assertThat(canonical(NODES.numberNode(new BigDecimal("0.1"))))
        .isEqualTo(canonical(NODES.numberNode(0.1)))
        .isEqualTo("0.1");
  }

  @Test
  void numbersADoubleCannotHoldAreWrittenExactlyNotRounded() {
    assertThat(canonical(NODES.numberNode(9007199254740993L))).isEqualTo("9007199254740993");
    assertThat(canonical(NODES.numberNode(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
    assertThat(canonical(NODES.numberNode(BigInteger.TEN.pow(22)))).isEqualTo("1e+22");
    assertThat(canonical(NODES.numberNode(BigInteger.TEN.pow(22).add(BigInteger.ONE))))
        .isEqualTo("1.0000000000000000000001e+22");
    assertThat(canonical(NODES.numberNode(new BigDecimal("0.10000000000000000000001"))))
        .isEqualTo("0.10000000000000000000001");
    assertThat(canonical(NODES.numberNode(new BigDecimal("-1.5E-400")))).isEqualTo("-1.5e-400");
  }

  @Test
  void aFloatIsTheShortestDecimalThatReadsBackAsIt() {
    assertThat(canonical(NODES.numberNode(1.1f))).isEqualTo("1.1");
    assertThat(canonical(NODES.numberNode(Float.MIN_VALUE))).isEqualTo("1e-45");
    assertThat(canonical(NODES.numberNode(1e10f))).isEqualTo("10000000000");
  }

  @Test
  void nonFiniteNumbersAreRejected() {
    for (JsonNode nonFinite :
        List.of(
            NODES.numberNode(Double.NaN),
            NODES.numberNode(Double.POSITIVE_INFINITY),
            NODES.numberNode(Double.NEGATIVE_INFINITY),
            NODES.numberNode(Float.NaN))) {
      ObjectNode holder = NODES.objectNode().put("id", "o-1").set("amount", nonFinite);

      assertThatThrownBy(() -> canonical(holder))
          .isInstanceOf(KeyExtractionException.class)
          .hasMessageContaining(nonFinite.asText())
          .hasMessageContaining("RFC 8785");
    }
  }

  @Test
  void stringsAreEscapedAsJsonStringifyDoes() {
    assertThat(canonical(NODES.textNode("a\u0001\u001f\b\t\n\f\r\"\\/\u007f")))
        .isEqualTo("\"a\\u0001\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\"");
    assertThat(KeyHasher.canonicalJson(NODES.textNode("\u00e9\u20ac\ud83d\ude00")))
        .isEqualTo("\"\u00e9\u20ac\ud83d\ude00\"".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unicodeIsHashedAsGivenNotNormalised() {
    String composed = "\u00e9"; // é
    String decomposed = "e\u0301"; // e + combining acute accent

    assertThat(canonical(NODES.textNode(composed)))
        .isNotEqualTo(canonical(NODES.textNode(decomposed)));
  }

  @Test
  void aLoneSurrogateIsEscapedSoItCollidesWithNothing() {
    assertThat(canonical(NODES.textNode("\ud800"))).isEqualTo("\"\\ud800\"");
    assertThat(canonical(NODES.textNode("x\udc00y"))).isEqualTo("\"x\\udc00y\"");
    assertThat(canonical(NODES.textNode("\ud800"))).isNotEqualTo(canonical(NODES.textNode("?")));
  }
}
