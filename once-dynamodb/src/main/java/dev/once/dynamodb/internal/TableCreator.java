package dev.once.dynamodb.internal;

import dev.once.dynamodb.TableLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Creates an idempotency table: on demand, the layout's keys, TTL on the expiration attribute. */
public final class TableCreator {

  private static final Logger LOG = LoggerFactory.getLogger(TableCreator.class);

  private final DynamoDbClient client;
  private final String tableName;
  private final TableLayout layout;
  private final String ttlAttribute;

  /**
   * Creates nothing yet: {@link #create()} does.
   *
   * @param client the client to create the table with
   * @param tableName the table's name
   * @param layout the primary key to create
   * @param ttlAttribute the attribute DynamoDB's TTL is turned on for
   */
  public TableCreator(
      DynamoDbClient client, String tableName, TableLayout layout, String ttlAttribute) {
    this.client = client;
    this.tableName = tableName;
    this.layout = layout;
    this.ttlAttribute = ttlAttribute;
  }

  /**
   * Creates the table, waits until it is active, and turns TTL on; an existing table is left as it
   * is.
   *
   * @return true when created, false when the table existed
   */
  public boolean create() {
    List<KeySchemaElement> keys = new ArrayList<>();
    List<AttributeDefinition> attributes = new ArrayList<>();
    keys.add(key(layout.partitionKeyAttribute(), KeyType.HASH));
    attributes.add(stringAttribute(layout.partitionKeyAttribute()));
    if (layout instanceof TableLayout.SharedPartition shared) {
      keys.add(key(shared.sortKeyAttribute(), KeyType.RANGE));
      attributes.add(stringAttribute(shared.sortKeyAttribute()));
    }
    try {
      client.createTable(
          t ->
              t.tableName(tableName)
                  .keySchema(keys)
                  .attributeDefinitions(attributes)
                  .billingMode(BillingMode.PAY_PER_REQUEST));
    } catch (ResourceInUseException e) {
      return false;
    }
    awaitActive();
    enableTtl();
    return true;
  }

  private void awaitActive() {
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(client)
            .overrideConfiguration(
                w ->
                    w.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                        .maxAttempts(600))
            .build()) {
      WaiterResponse<DescribeTableResponse> response =
          waiter.waitUntilTableExists(d -> d.tableName(tableName));
      response.matched().exception().ifPresent(this::rethrow);
    }
  }

  private void rethrow(Throwable e) {
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException("waiting for table " + tableName + " failed", e);
  }

  private void enableTtl() {
    try {
      client.updateTimeToLive(
          u ->
              u.tableName(tableName)
                  .timeToLiveSpecification(s -> s.attributeName(ttlAttribute).enabled(true)));
    } catch (DynamoDbException e) {
      // dynalite has no UpdateTimeToLive; real DynamoDB accepts it.
      LOG.info(
          "table {} created, but TTL on {} could not be enabled ({}); expired records stay until"
              + " deleted (acquisitions still treat them as expired)",
          tableName,
          ttlAttribute,
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode());
    }
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }
}
