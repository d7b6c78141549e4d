package dev.once.dynamodb.internal;

import dev.once.dynamodb.AttributeNames;
import dev.once.dynamodb.TableLayout;
import dev.once.spi.RecordStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Lists records page by page: a Query of the static partition in the shared layout, else a Scan;
 * both strongly consistent, filtered by status when asked. Immutable and thread-safe.
 */
public final class Listing {

  private final DynamoDbClient client;
  private final String tableName;
  private final TableLayout layout;
  private final AttributeNames names;
  private final ItemMapper mapper;

  /**
   * Creates the listing of one store.
   *
   * @param client the store's client
   * @param tableName the table to read
   * @param layout the table's key layout; a shared partition is queried, not scanned
   * @param names the attributes' names, for the status filter
   * @param mapper the store's item mapping
   */
  public Listing(
      DynamoDbClient client,
      String tableName,
      TableLayout layout,
      AttributeNames names,
      ItemMapper mapper) {
    this.client = client;
    this.tableName = tableName;
    this.layout = layout;
    this.names = names;
    this.mapper = mapper;
  }

  /**
   * Up to {@code limit} items, following pages until enough are found or none are left.
   *
   * @param statuses the statuses to keep; all statuses means no filter
   * @param limit the most items returned; positive
   * @return the items in the table's order, at most {@code limit}
   */
  public List<Map<String, AttributeValue>> items(Set<RecordStatus> statuses, int limit) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    while (items.size() < limit) {
      Page page = page(statuses, limit - items.size(), start);
      for (Map<String, AttributeValue> item : page.items()) {
        if (items.size() < limit) {
          items.add(item);
        }
      }
      start = page.next();
      if (start == null || start.isEmpty()) {
        break;
      }
    }
    return items;
  }

  private record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> next) {}

  private Page page(
      Set<RecordStatus> statuses, int wanted, Map<String, AttributeValue> exclusiveStart) {
    Map<String, String> attributeNames = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    String filter = null;
    if (!statuses.containsAll(EnumSet.allOf(RecordStatus.class))) {
      attributeNames.put("#st", names.status());
      StringJoiner in = new StringJoiner(", ", "#st IN (", ")");
      for (RecordStatus status : statuses) {
        values.put(":st" + status.ordinal(), AttributeValue.fromS(status.name()));
        in.add(":st" + status.ordinal());
      }
      filter = in.toString();
    }
    // DynamoDB applies Limit before the filter: page by size alone when filtering.
    Integer pageLimit = filter == null ? Math.max(1, Math.min(wanted, 1000)) : null;
    if (mapper.partitionValue() != null) {
      attributeNames.put("#pk", layout.partitionKeyAttribute());
      values.put(":pk", mapper.partitionValue());
      QueryResponse response =
          client.query(
              QueryRequest.builder()
                  .tableName(tableName)
                  .keyConditionExpression("#pk = :pk")
                  .filterExpression(filter)
                  .expressionAttributeNames(attributeNames)
                  .expressionAttributeValues(values)
                  .consistentRead(true)
                  .limit(pageLimit)
                  .exclusiveStartKey(exclusiveStart)
                  .build());
      return new Page(response.items(), response.lastEvaluatedKey());
    }
    ScanResponse response =
        client.scan(
            ScanRequest.builder()
                .tableName(tableName)
                .filterExpression(filter)
                .expressionAttributeNames(attributeNames.isEmpty() ? null : attributeNames)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .consistentRead(true)
                .limit(pageLimit)
                .exclusiveStartKey(exclusiveStart)
                .build());
    return new Page(response.items(), response.lastEvaluatedKey());
  }
}
