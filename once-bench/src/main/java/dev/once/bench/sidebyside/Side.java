package dev.once.bench.sidebyside;

import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The two sides compared: Once, and idempotency by hand on the raw SDK. */
public enum Side {
  /** {@link OnceIdempotency}. */
  ONCE,
  /** {@link RawIdempotency}. */
  RAW;

  /** One idempotent call, the same contract on both sides. */
  @FunctionalInterface
  public interface Layer {
    /**
     * Runs {@code work} once per order.
     *
     * @param event the order event; its {@code orderId} is the key
     * @param work the handler's work
     * @return the receipt, fresh or stored
     */
    Receipt call(Map<String, Object> event, Function<Map<String, Object>, Receipt> work);
  }

  /**
   * Builds this side's layer. Only this side's classes are touched: the raw side loads nothing of
   * Once.
   *
   * @param client the DynamoDB client
   * @param table this side's table
   * @return the layer
   */
  public Layer layer(DynamoDbClient client, String table) {
    if (this == ONCE) {
      return new OnceIdempotency(client, table)::call;
    }
    return new RawIdempotency(client, table)::call;
  }

  /** Lower case, as on the command line and in the table. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
