package dev.once.bench.sidebyside;

import dev.once.Idempotency;
import dev.once.dynamodb.DynamoDbStore;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Once side: {@link DynamoDbStore} and {@link Idempotency} as the quick start builds them, the
 * key from the event's {@code orderId}, the same expiry as the raw side. Thread-safe.
 */
public final class OnceIdempotency {

  private final Idempotency idempotency;

  /**
   * @param client the DynamoDB client, not closed here
   * @param table a table made by {@link DynamoDbStore#createTable()}
   */
  public OnceIdempotency(DynamoDbClient client, String table) {
    this.idempotency =
        Idempotency.builder(DynamoDbStore.builder().client(client).tableName(table).build())
            .keyPrefix("bench.pay")
            .keyPath("orderId")
            .expiry(Duration.ofHours(1))
            .build();
  }

  /**
   * Runs {@code work} once per order: a duplicate of a completed order gets the stored receipt.
   *
   * @param event the order event; its {@code orderId} is the key
   * @param work the handler's work
   * @return the receipt, fresh or replayed
   */
  public Receipt call(Map<String, Object> event, Function<Map<String, Object>, Receipt> work) {
    return idempotency.call(event, Receipt.class, () -> work.apply(event));
  }
}
