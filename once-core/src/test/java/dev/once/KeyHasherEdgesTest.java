package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class KeyHasherEdgesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** No toString: two equal values are different objects to Object.toString. */
  static final class Money {
    public final long cents;

    Money(long cents) {
      this.cents = cents;
    }
  }

  @Test
  void powertoolsFormatPrintsALongDigestAsPowertoolsDoesDroppingLeadingZeros() throws Exception {
    // SHA-256 of "order-1" starts with a zero nibble: Powertools prints it as a number.
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest("order-1".getBytes(StandardCharsets.UTF_8));
    String asNumber = new BigInteger(1, digest).toString(16);
    assertThat(asNumber).hasSizeLessThan(64);

    String hash = new KeyHasher(KeyFormat.POWERTOOLS, "SHA-256").hash(TextNode.valueOf("order-1"));

    assertThat(hash).isEqualTo(asNumber);
  }

  @Test
  void onceFormatKeepsEveryDigit() {
    String hash = new KeyHasher(KeyFormat.ONCE, "SHA-256").hash(TextNode.valueOf("order-1"));

    assertThat(hash).hasSize(64);
  }

  @Test
  void aPojoInsideATreeIsHashedByItsJsonFormNotItsIdentity() {
    KeyHasher hasher = new KeyHasher(KeyFormat.ONCE, "SHA-256");
    ObjectNode first = MAPPER.createObjectNode().put("id", "o-1").putPOJO("amount", new Money(5));
    ObjectNode second = MAPPER.createObjectNode().put("id", "o-1").putPOJO("amount", new Money(5));
    ObjectNode plain = MAPPER.createObjectNode().put("id", "o-1");
    plain.putObject("amount").put("cents", 5);

    assertThat(hasher.hash(first)).isEqualTo(hasher.hash(second)).isEqualTo(hasher.hash(plain));
    ObjectNode other = MAPPER.createObjectNode().put("id", "o-1").putPOJO("amount", new Money(6));
    assertThat(hasher.hash(other)).isNotEqualTo(hasher.hash(first));
  }
}
