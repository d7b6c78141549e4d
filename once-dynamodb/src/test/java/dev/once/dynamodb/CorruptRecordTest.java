package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.CorruptRecordException;
import dev.once.Idempotency;
import dev.once.StoreException;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items no writer of Once produces, put in the table by hand (an operator's edit, another tool, a
 * bug): the status, expiry and lease attributes unreadable. A call on such a key must fail with a
 * non-retryable {@link CorruptRecordException} that names the attribute, so that the caller stops
 * and an operator purges the record, rather than a retryable {@link StoreException} that every
 * redelivery meets again until the record expires (and one whose expiry is unreadable never does).
 */
@ExtendWith(DynaliteExtension.class)
class CorruptRecordTest {

  private final DynaliteServer dynalite;

  CorruptRecordTest(DynaliteServer dynalite) {
    this.dynalite = dynalite;
  }

  static Stream<Arguments> corruptItems() {
    return Stream.of(
        corrupt("an unknown status", "status", item -> item.put("status", s("DONE"))),
        corrupt("a status that is a Number", "status", item -> item.put("status", n("2"))),
        corrupt("no status", "status", item -> item.remove("status")),
        corrupt("an expiry that is a String", "expiration", item -> item.put("expiration", s("x"))),
        corrupt(
            "an expiry that is no whole number", // far ahead: a past one is simply taken over
            "expiration",
            item -> item.put("expiration", n("99999999999.5"))),
        corrupt("no expiry", "expiration", item -> item.remove("expiration")),
        corrupt(
            "an in-progress record without its lease end",
            "in_progress_expiration",
            item -> item.put("status", s("INPROGRESS"))),
        corrupt(
            "a lease end that is a String",
            "in_progress_expiration",
            item -> {
              item.put("status", s("INPROGRESS"));
              item.put("in_progress_expiration", s("later"));
            }),
        corrupt("a lease that is a Number", "lease", item -> item.put("lease", n("7"))));
  }

  private static Arguments corrupt(
      String what, String attribute, Consumer<Map<String, AttributeValue>> damage) {
    return Arguments.of(what, attribute, damage);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptItems")
  void aCorruptAttributeIsANonRetryableErrorNamingIt(
      String what, String attribute, Consumer<Map<String, AttributeValue>> damage) {
    DynamoDbStore store = Tables.freshStore(dynalite);
    Idempotency idempotency = Idempotency.builder(store).keyPrefix("corrupt").build();
    String key = idempotency.keyOf("order-1");
    Map<String, AttributeValue> item = completedItem(key);
    damage.accept(item);
    dynalite.client().putItem(put -> put.tableName(store.tableName()).item(item));
    AtomicInteger runs = new AtomicInteger();

    Throwable thrown =
        catchThrowable(
            () -> idempotency.call("order-1", String.class, () -> "run " + runs.incrementAndGet()));

    assertThat(thrown)
        .as(what)
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("attribute " + attribute);
    CorruptRecordException corrupt = (CorruptRecordException) thrown;
    assertThat(corrupt.attribute()).isEqualTo(attribute);
    assertThat(corrupt.key()).isEqualTo(key);
    assertThat(corrupt.isRetryable()).isFalse();
    assertThat(runs).hasValue(0);
    assertThat(catchThrowable(() -> store.find(key)))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("attribute " + attribute);

    // The way out the error points to: an operator purges the record.
    assertThat(store.purge(key)).isTrue();
    assertThat(idempotency.call("order-1", String.class, () -> "run " + runs.incrementAndGet()))
        .isEqualTo("run 1");
  }

  /** A completed record as Once writes it, live for an hour, to be damaged. */
  private static Map<String, AttributeValue> completedItem(String key) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", s(key));
    item.put("status", s("COMPLETED"));
    item.put("expiration", n(Long.toString(Instant.now().getEpochSecond() + 3600)));
    item.put("data", AttributeValue.fromB(SdkBytes.fromUtf8String("\"stored\"")));
    item.put("lease", s("lease-1"));
    return item;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }
}
