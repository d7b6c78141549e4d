package dev.once.examples.payment;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A ledger in a DynamoDB table: one item per charge, under partition key {@code chargeId}, with the
 * order id, customer, amount, currency and time. Every charge is a new item, so a second charge of
 * an order is visible to anyone who reads the table: the end-to-end tests count them from outside
 * the function's process.
 *
 * <p>Thread-safe.
 */
public final class DynamoDbLedger implements Ledger {

  /** The partition key attribute of the ledger table. */
  public static final String CHARGE_ID = "chargeId";

  private final DynamoDbClient client;
  private final String tableName;
  private final Clock clock;

  public DynamoDbLedger(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC());
  }

  public DynamoDbLedger(DynamoDbClient client, String tableName, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    if (tableName == null || tableName.isBlank()) {
      throw new IllegalArgumentException("ledger tableName must be non-blank but was " + tableName);
    }
    this.tableName = tableName;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String charge(Order order) {
    String chargeId = "ch_" + UUID.randomUUID();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(CHARGE_ID, AttributeValue.fromS(chargeId));
    item.put("orderId", AttributeValue.fromS(order.orderId()));
    item.put("amountCents", AttributeValue.fromN(Long.toString(order.amountCents())));
    item.put("chargedAt", AttributeValue.fromS(clock.instant().toString()));
    if (order.customerId() != null) {
      item.put("customerId", AttributeValue.fromS(order.customerId()));
    }
    if (order.currency() != null) {
      item.put("currency", AttributeValue.fromS(order.currency()));
    }
    client.putItem(
        b ->
            b.tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", CHARGE_ID)));
    return chargeId;
  }

  /** The charge ids recorded for {@code orderId}: a scan, for tests and small tables. */
  public List<String> charges(String orderId) {
    return allCharges().entrySet().stream()
        .filter(e -> e.getValue().equals(orderId))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** Every charge, charge id to order id: a scan, for tests and small tables. */
  public Map<String, String> allCharges() {
    Map<String, String> charges = new HashMap<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder request = ScanRequest.builder().tableName(tableName).consistentRead(true);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse page = client.scan(request.build());
      page.items().forEach(i -> charges.put(i.get(CHARGE_ID).s(), i.get("orderId").s()));
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return charges;
  }

  /**
   * Creates the ledger table (on-demand, partition key {@code chargeId}) unless it exists; the SAM
   * template creates it in AWS.
   *
   * @return true when created
   */
  public static boolean createTable(DynamoDbClient client, String tableName) {
    try {
      client.createTable(
          b ->
              b.tableName(tableName)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName(CHARGE_ID)
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder()
                          .attributeName(CHARGE_ID)
                          .keyType(KeyType.HASH)
                          .build()));
      client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
      return true;
    } catch (ResourceInUseException exists) {
      return false;
    }
  }
}
