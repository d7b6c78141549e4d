package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With {@link KeyFormat#POWERTOOLS}, an event or key that is an object is hashed, and a result
 * written, as Powertools for AWS Lambda (Java) does: its mapper sorts properties alphabetically and
 * leaves null properties out. The expected texts below are written by hand.
 */
class PowertoolsObjectKeysTest {

  private static final String PREFIX = "fn.handleRequest";

  private final InMemoryStore store = new InMemoryStore();

  /** Properties declared out of alphabetical order, one of them null. */
  public static final class Payment {
    private final String orderId;
    private final int amount;
    private final String note;
    private final Customer customer;

    Payment(String orderId, int amount, String note, Customer customer) {
      this.orderId = orderId;
      this.amount = amount;
      this.note = note;
      this.customer = customer;
    }

    public String getOrderId() {
      return orderId;
    }

    public int getAmount() {
      return amount;
    }

    public String getNote() {
      return note;
    }

    public Customer getCustomer() {
      return customer;
    }
  }

  public record Customer(String name, String id, String email) {}

  public record Order(String orderId, Customer customer) {}

  public record Receipt(String orderId, long amount, String coupon) {}

  private static String md5(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    return PREFIX + "#" + String.format("%032x", new BigInteger(1, digest));
  }

  private Idempotency.Builder powertools() {
    return Idempotency.builder(store).keyPrefix(PREFIX).keyFormat(KeyFormat.POWERTOOLS);
  }

  @Test
  void aPojoEventIsHashedWithSortedPropertiesAndNoNulls() throws Exception {
    Payment payment = new Payment("o-1", 25, null, new Customer("Ann", "c-1", null));

    assertThat(powertools().build().keyOf(payment))
        .isEqualTo(
            md5(
                "{\"amount\":25,\"customer\":{\"id\":\"c-1\",\"name\":\"Ann\"},\"orderId\":\"o-1\"}"));
  }

  @Test
  void anObjectFieldOfARecordIsHashedAsPowertoolsHashesIt() throws Exception {
    Order order = new Order("o-1", new Customer("Ann", "c-1", null));

    assertThat(powertools().keyPath("customer").build().keyOf(order))
        .isEqualTo(md5("{\"id\":\"c-1\",\"name\":\"Ann\"}"));
    assertThat(powertools().keyPath("[customer, orderId]").build().keyOf(order))
        .isEqualTo(md5("[{\"id\":\"c-1\",\"name\":\"Ann\"},\"o-1\"]"));
  }

  @Test
  void theValidationDigestIsComputedTheSameWay() throws Exception {
    Order order = new Order("o-1", new Customer("Ann", "c-1", null));
    Idempotency idempotency = powertools().keyPath("orderId").validationPath("customer").build();

    idempotency.call(order, String.class, () -> "ok");

    assertThat(records().get(0).validation())
        .isEqualTo(md5("{\"id\":\"c-1\",\"name\":\"Ann\"}").substring(PREFIX.length() + 1));
  }

  @Test
  void aResultIsStoredWithSortedPropertiesAndNoNullsAndReadBack() {
    Idempotency idempotency = powertools().keyPath("orderId").build();
    Order order = new Order("o-1", null);

    idempotency.call(order, Receipt.class, () -> new Receipt("o-1", 25, null));

    assertThat(new String(records().get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("{\"amount\":25,\"orderId\":\"o-1\"}");
    assertThat(idempotency.call(order, Receipt.class, () -> new Receipt("other", 0, null)))
        .isEqualTo(new Receipt("o-1", 25, null));
  }

  public record Money(long cents) {
    @Override
    public String toString() {
      return cents + " cents";
    }
  }

  public record Priced(String orderId, Money price, String note) {}

  @Test
  void yourOwnMapperGetsPowertoolsSettingsOnTopAndIsLeftAsItIs() throws Exception {
    ObjectMapper yours =
        new ObjectMapper()
            .registerModule(
                new SimpleModule().addSerializer(Money.class, ToStringSerializer.instance))
            .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);
    Priced event = new Priced("o-1", new Money(500), null);

    assertThat(powertools().objectMapper(yours).build().keyOf(event))
        .isEqualTo(md5("{\"orderId\":\"o-1\",\"price\":\"500 cents\"}"));
    assertThat(yours.writeValueAsString(event))
        .isEqualTo("{\"orderId\":\"o-1\",\"price\":\"500 cents\",\"note\":null}");
  }

  @Test
  void storedFailuresAreRefusedBecausePowertoolsCannotReadThem() {
    Idempotency.Builder builder = powertools().permanentFailures(e -> true);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("permanentFailures")
        .hasMessageContaining("POWERTOOLS");
  }

  @Test
  void compressionIsRefusedBecausePowertoolsCannotReadIt() {
    Idempotency.Builder builder = powertools().compressAbove(1024);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("compressAbove")
        .hasMessageContaining("POWERTOOLS");
  }

  @Test
  void aLargeResultIsStoredUncompressedOrRefused() {
    String big = "x".repeat(20_000); // above the 8 KiB the ONCE format compresses at
    Idempotency idempotency = powertools().build();

    idempotency.call("k-1", List.class, () -> List.of(big));

    assertThat(new String(records().get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("[\"" + big + "\"]");
    Idempotency limited = powertools().maxResultBytes(10_000).build();
    assertThatThrownBy(() -> limited.call("k-2", List.class, () -> List.of(big)))
        .isInstanceOf(ResultTooLargeException.class);
    assertThat(store.find(limited.keyOf("k-2"))).isEmpty();
  }

  private List<IdempotencyRecord> records() {
    return store.list(EnumSet.allOf(RecordStatus.class), 10);
  }
}
