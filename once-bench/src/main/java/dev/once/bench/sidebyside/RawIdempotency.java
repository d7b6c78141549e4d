package dev.once.bench.sidebyside;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The raw side: idempotency written by hand on the AWS SDK v2, with exactly the calls the layer
 * needs. A first call is a conditional {@code PutItem} that claims the order (free, expired, or in
 * progress past its lease) and an {@code UpdateItem}, conditional on the claim's lease, that stores
 * the receipt; a duplicate is the refused {@code PutItem} and, where the old item does not come
 * back with the refusal (dynalite), a consistent {@code GetItem}. A failing work deletes its claim
 * ({@code DeleteItem} on the lease) and rethrows. The item has the shape Once writes (key, status,
 * expiry, lease end, lease), the receipt as attributes of its own.
 *
 * <p>Thread-safe when the client is.
 *
 * @param client the DynamoDB client, not closed here
 * @param table a table whose partition key is the string {@code id}
 */
public record RawIdempotency(DynamoDbClient client, String table) {

  private static final String CLAIM_CONDITION =
      "attribute_not_exists(#k) OR #exp <= :nows OR (#st = :inprogress AND #ipe <= :nowms)";
  private static final Map<String, String> CLAIM_NAMES =
      Map.of("#k", "id", "#exp", "expiration", "#st", "status", "#ipe", "in_progress_expiration");
  private static final Map<String, String> COMPLETE_NAMES =
      Map.of(
          "#st", "status",
          "#exp", "expiration",
          "#lease", "lease",
          "#order", "order_id",
          "#amount", "amount_cents",
          "#charge", "charge_id");
  private static final AttributeValue INPROGRESS = AttributeValue.fromS("INPROGRESS");
  private static final AttributeValue COMPLETED = AttributeValue.fromS("COMPLETED");
  private static final Duration EXPIRY = Duration.ofHours(1);
  private static final Duration LEASE = Duration.ofMinutes(15);

  /**
   * Runs {@code work} once per order: a duplicate of a completed order gets the stored receipt.
   *
   * @param event the order event; its {@code orderId} is the key
   * @param work the handler's work
   * @return the receipt, fresh or stored
   * @throws IllegalStateException when the order is in progress elsewhere
   */
  public Receipt call(Map<String, Object> event, Function<Map<String, Object>, Receipt> work) {
    String key = "raw#" + event.get("orderId");
    Map<String, AttributeValue> id = Map.of("id", AttributeValue.fromS(key));
    Instant now = Instant.now();
    String lease = UUID.randomUUID().toString();
    Map<String, AttributeValue> old = claim(id, now, lease);
    if (old != null) {
      return stored(key, old);
    }
    Receipt receipt;
    try {
      receipt = work.apply(event);
    } catch (RuntimeException e) {
      client.deleteItem(
          d ->
              d.tableName(table)
                  .key(id)
                  .conditionExpression("#lease = :lease")
                  .expressionAttributeNames(Map.of("#lease", "lease"))
                  .expressionAttributeValues(Map.of(":lease", AttributeValue.fromS(lease))));
      throw e;
    }
    complete(id, now, lease, receipt);
    return receipt;
  }

  /** {@code null} when claimed; else the item that holds the key (read when not returned). */
  private Map<String, AttributeValue> claim(
      Map<String, AttributeValue> id, Instant now, String lease) {
    Map<String, AttributeValue> item = new HashMap<>(id);
    item.put("status", INPROGRESS);
    item.put("expiration", number(now.plus(EXPIRY).getEpochSecond()));
    item.put("in_progress_expiration", number(now.plus(LEASE).toEpochMilli()));
    item.put("lease", AttributeValue.fromS(lease));
    PutItemRequest put =
        PutItemRequest.builder()
            .tableName(table)
            .item(item)
            .conditionExpression(CLAIM_CONDITION)
            .expressionAttributeNames(CLAIM_NAMES)
            .expressionAttributeValues(
                Map.of(
                    ":nows", number(now.getEpochSecond()),
                    ":nowms", number(now.toEpochMilli()),
                    ":inprogress", INPROGRESS))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    try {
      client.putItem(put);
      return null;
    } catch (ConditionalCheckFailedException refused) {
      if (refused.hasItem()) {
        return refused.item();
      }
      return client.getItem(g -> g.tableName(table).key(id).consistentRead(true)).item();
    }
  }

  private void complete(
      Map<String, AttributeValue> id, Instant now, String lease, Receipt receipt) {
    client.updateItem(
        u ->
            u.tableName(table)
                .key(id)
                .updateExpression(
                    "SET #st = :st, #exp = :exp, #order = :order, #amount = :amount,"
                        + " #charge = :charge")
                .conditionExpression("#lease = :lease")
                .expressionAttributeNames(COMPLETE_NAMES)
                .expressionAttributeValues(
                    Map.of(
                        ":st", COMPLETED,
                        ":exp", number(now.plus(EXPIRY).getEpochSecond()),
                        ":lease", AttributeValue.fromS(lease),
                        ":order", AttributeValue.fromS(receipt.orderId()),
                        ":amount", number(receipt.amountCents()),
                        ":charge", AttributeValue.fromS(receipt.chargeId()))));
  }

  private static Receipt stored(String key, Map<String, AttributeValue> item) {
    if (item == null || !COMPLETED.equals(item.get("status"))) {
      throw new IllegalStateException(key + " is in progress elsewhere, or was just released");
    }
    return new Receipt(
        item.get("order_id").s(),
        Long.parseLong(item.get("amount_cents").n()),
        item.get("charge_id").s());
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
