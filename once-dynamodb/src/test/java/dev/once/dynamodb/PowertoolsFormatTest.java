package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.KeyFormat;
import dev.once.PayloadMismatchException;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records in exactly the format Powertools for AWS Lambda (Java) writes: items built by hand as
 * Powertools builds them, replayed by Once; and the items Once writes, read as Powertools reads
 * them. Powertools' key is {@code <function>.<method>#md5hex(value)}, where a text value is hashed
 * as its text and an object as its JSON.
 */
@ExtendWith(DynaliteExtension.class)
class PowertoolsFormatTest {

  private static final String PREFIX = "payments-function.handleRequest";

  private final DynamoDbClient client;
  private final DynamoDbStore store;
  private final Idempotency idempotency;
  private final AtomicInteger runs = new AtomicInteger();

  record Receipt(String orderId, int amount) {}

  PowertoolsFormatTest(DynaliteServer dynalite) {
    client = dynalite.client();
    store =
        Tables.created(
            DynamoDbStore.builder()
                .client(client)
                .tableName(Tables.freshName("powertools"))
                .powertoolsCompatible());
    idempotency =
        Idempotency.builder(store)
            .keyFormat(KeyFormat.POWERTOOLS)
            .keyPrefix(PREFIX)
            .keyPath("orderId")
            .validationPath("amount")
            .expiry(Duration.ofHours(1))
            .build();
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** An item as Powertools' DynamoDBPersistenceStore.putRecord/updateRecord leaves it. */
  private void putPowertoolsItem(
      String orderId, String status, String data, long inProgressExpiryMillis) throws Exception {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(PREFIX + "#" + md5(orderId)));
    item.put(
        "expiration", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 3600)));
    item.put("status", AttributeValue.fromS(status));
    item.put("in_progress_expiration", AttributeValue.fromN(Long.toString(inProgressExpiryMillis)));
    item.put("validation", AttributeValue.fromS(md5("25")));
    if (data != null) {
      item.put("data", AttributeValue.fromS(data));
    }
    client.putItem(p -> p.tableName(store.tableName()).item(item));
  }

  private Receipt pay(String orderId, int amount) {
    return idempotency.call(
        Map.of("orderId", orderId, "amount", amount),
        Receipt.class,
        () -> {
          runs.incrementAndGet();
          return new Receipt(orderId, amount);
        });
  }

  @Test
  void replaysACompletedRecordPowertoolsWrote() throws Exception {
    putPowertoolsItem(
        "o-1", "COMPLETED", "{\"orderId\":\"o-1\",\"amount\":99}", System.currentTimeMillis());

    assertThat(pay("o-1", 25)).isEqualTo(new Receipt("o-1", 99));
    assertThat(runs).hasValue(0);
  }

  @Test
  void replaysAPowertoolsStringResultStoredRaw() throws Exception {
    putPowertoolsItem("o-2", "COMPLETED", "plain text receipt", System.currentTimeMillis());

    String replayed =
        idempotency.call(
            Map.of("orderId", "o-2", "amount", 25),
            String.class,
            () -> "ran " + runs.incrementAndGet());

    assertThat(replayed).isEqualTo("plain text receipt");
    assertThat(runs).hasValue(0);
  }

  @Test
  void checksPowertoolsValidationDigests() throws Exception {
    putPowertoolsItem("o-3", "COMPLETED", "{\"orderId\":\"o-3\",\"amount\":25}", 0);

    assertThatThrownBy(() -> pay("o-3", 26)).isInstanceOf(PayloadMismatchException.class);
    assertThat(runs).hasValue(0);
  }

  @Test
  void respectsAndTakesOverPowertoolsInProgressRecords() throws Exception {
    putPowertoolsItem("o-4", "INPROGRESS", null, System.currentTimeMillis() + 600_000);
    // Ended longer ago than the store's clock skew tolerance (one second by default).
    putPowertoolsItem("o-5", "INPROGRESS", null, System.currentTimeMillis() - 2_000);

    assertThatThrownBy(() -> pay("o-4", 25)).isInstanceOf(InProgressException.class);
    assertThat(pay("o-5", 25)).isEqualTo(new Receipt("o-5", 25));
    assertThat(runs).hasValue(1);
  }

  @Test
  void writesItemsInPowertoolsFormat() throws Exception {
    Instant before = Instant.now();
    pay("o-6", 25);
    String text =
        idempotency.call(Map.of("orderId", "o-7", "amount", 25), String.class, () -> "receipt");

    Map<String, AttributeValue> item = item(PREFIX + "#" + md5("o-6"));
    assertThat(item.get("status").s()).isEqualTo("COMPLETED");
    // Powertools' mapper sorts properties alphabetically.
    assertThat(item.get("data").s()).isEqualTo("{\"amount\":25,\"orderId\":\"o-6\"}");
    assertThat(item.get("validation").s()).isEqualTo(md5("25"));
    long expiration = Long.parseLong(item.get("expiration").n());
    assertThat(expiration)
        .isBetween(before.getEpochSecond() + 3599, before.getEpochSecond() + 3700);
    long inProgress = Long.parseLong(item.get("in_progress_expiration").n());
    assertThat(inProgress).isGreaterThan(before.toEpochMilli()); // milliseconds, not seconds
    assertThat(item.get("lease").s()).isNotBlank(); // Once's own; Powertools ignores it
    assertThat(item.keySet())
        .containsExactlyInAnyOrder(
            "id", "status", "data", "validation", "expiration", "in_progress_expiration", "lease");
    assertThat(text).isEqualTo("receipt");
    assertThat(item(PREFIX + "#" + md5("o-7")).get("data").s()).isEqualTo("receipt");
  }

  private Map<String, AttributeValue> item(String id) {
    return client
        .getItem(g -> g.tableName(store.tableName()).key(Map.of("id", AttributeValue.fromS(id))))
        .item();
  }
}
