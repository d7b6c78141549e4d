package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyHashingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The key the engine computes for {@code input}. */
  private static String keyOf(Idempotency.Builder builder, Object input) {
    return builder.build().keyOf(input);
  }

  private static String hex(String algorithm, String text) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Idempotency.Builder once() {
    return Idempotency.builder(new InMemoryStore()).keyPrefix("pay");
  }

  private static Idempotency.Builder powertools() {
    return Idempotency.builder(new InMemoryStore())
        .keyPrefix("fn.handleRequest")
        .keyFormat(KeyFormat.POWERTOOLS);
  }

  @Test
  void fieldOrderDoesNotChangeTheKey() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", Map.of("y", true, "x", List.of(1.5, "s")));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", Map.of("x", List.of(1.5, "s"), "y", true));
    ba.put("a", 1);

    assertThat(keyOf(once(), ab)).isEqualTo(keyOf(once(), ba));
  }

  @Test
  void differentValuesGiveDifferentKeys() {
    assertThat(keyOf(once(), Map.of("a", 1))).isNotEqualTo(keyOf(once(), Map.of("a", 2)));
    assertThat(keyOf(once(), "1")).isNotEqualTo(keyOf(once(), 1));
  }

  record Charge(String orderId, double amount) {}

  @Test
  void equalNumbersGiveEqualKeysWhateverTheirForm() {
    assertThat(keyOf(once(), Map.of("n", 1)))
        .isEqualTo(keyOf(once(), Map.of("n", 1.0)))
        .isEqualTo(keyOf(once(), Map.of("n", 1L)))
        .isEqualTo(keyOf(once(), Map.of("n", new BigDecimal("1.00"))));
    assertThat(keyOf(once(), Map.of("n", 100))).isEqualTo(keyOf(once(), Map.of("n", 1e2)));
    assertThat(keyOf(once(), new Charge("o-1", 0.0)))
        .isEqualTo(keyOf(once(), new Charge("o-1", -0.0)));
    assertThat(keyOf(once(), Map.of("n", 9007199254740993L)))
        .isNotEqualTo(keyOf(once(), Map.of("n", 9007199254740992L)));
  }

  @Test
  void aNonFiniteNumberIsRejectedInsteadOfCollidingWithItsName() {
    AtomicInteger runs = new AtomicInteger();
    Idempotency idempotency = once().build();

    for (double nonFinite : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(
              () ->
                  idempotency.call(
                      new Charge("o-1", nonFinite),
                      String.class,
                      () -> "r" + runs.incrementAndGet()))
          .isInstanceOf(KeyExtractionException.class)
          .hasMessageContaining(Double.toString(nonFinite));
    }
    assertThat(runs).hasValue(0);
    assertThat(keyOf(once().keyPath("amount"), Map.of("amount", "NaN"))).isNotBlank();
  }

  @Test
  void onceKeyIsPrefixAndSha256OfCanonicalJson() throws Exception {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("zeta", "z");
    input.put("alpha", List.of(1, true, Map.of("k", "v")));

    assertThat(keyOf(once(), input))
        .isEqualTo("pay#" + hex("SHA-256", "{\"alpha\":[1,true,{\"k\":\"v\"}],\"zeta\":\"z\"}"));
    assertThat(keyOf(once(), "order-1")).isEqualTo("pay#" + hex("SHA-256", "\"order-1\""));
    assertThat(keyOf(once(), 42)).isEqualTo("pay#" + hex("SHA-256", "42"));
  }

  @Test
  void namedDigestIsUsed() throws Exception {
    assertThat(keyOf(once().hashAlgorithm("SHA-512"), "order-1"))
        .isEqualTo("pay#" + hex("SHA-512", "\"order-1\""));
  }

  @Test
  void keyPathSelectsTheKeyPart() {
    Idempotency.Builder byOrder = once().keyPath("orderId");

    assertThat(keyOf(byOrder, Map.of("orderId", "o-1", "amount", 5)))
        .isEqualTo(keyOf(once().keyPath("orderId"), Map.of("orderId", "o-1", "amount", 6)))
        .isEqualTo(keyOf(once(), "o-1"));
  }

  @Test
  void keyFunctionSelectsTheKeyPart() {
    assertThat(keyOf(once().keyFunction(i -> ((Map<?, ?>) i).get("id")), Map.of("id", "o-1")))
        .isEqualTo(keyOf(once(), "o-1"));
  }

  @Test
  void powertoolsFormatHashesTextAsItsCharacters() throws Exception {
    assertThat(keyOf(powertools(), "abc"))
        .isEqualTo("fn.handleRequest#900150983cd24fb0d6963f7d28e17f72") // the RFC 1321 vector
        .isEqualTo("fn.handleRequest#" + hex("MD5", "abc"));
  }

  @Test
  void powertoolsFormatHashesNumbersAndBooleansAsTheirLiteral() throws Exception {
    assertThat(keyOf(powertools(), 42)).isEqualTo("fn.handleRequest#" + hex("MD5", "42"));
    assertThat(keyOf(powertools(), 12345678901L))
        .isEqualTo("fn.handleRequest#" + hex("MD5", "12345678901"));
    assertThat(keyOf(powertools(), 1.5)).isEqualTo("fn.handleRequest#" + hex("MD5", "1.5"));
    assertThat(keyOf(powertools(), true)).isEqualTo("fn.handleRequest#" + hex("MD5", "true"));
  }

  @Test
  void powertoolsFormatHashesContainersAsTheirJsonInInputOrder() throws Exception {
    String body = "{\"b\":1,\"a\":[\"x\",2]}";

    assertThat(keyOf(powertools(), JSON.readTree(body)))
        .isEqualTo("fn.handleRequest#" + hex("MD5", body));
    assertThat(
            keyOf(powertools().keyPath("[user, id]"), JSON.readTree("{\"id\":7,\"user\":\"u\"}")))
        .isEqualTo("fn.handleRequest#" + hex("MD5", "[\"u\",7]"));
  }

  @Test
  void powertoolsFormatKeepsLeadingZerosOfTheDigest() throws Exception {
    // MD5("1") = c4ca4238..., MD5 of some inputs start with 0: the hex must keep 32 digits.
    for (int i = 0; i < 64; i++) {
      String key = keyOf(powertools(), "v" + i);
      assertThat(key).isEqualTo("fn.handleRequest#" + hex("MD5", "v" + i));
      assertThat(key.substring(key.indexOf('#') + 1)).hasSize(32);
    }
  }
}
