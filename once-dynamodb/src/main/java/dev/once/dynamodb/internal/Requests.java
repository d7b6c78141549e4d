package dev.once.dynamodb.internal;

import dev.once.dynamodb.AttributeNames;
import dev.once.dynamodb.TableLayout;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The store's requests, one method each; the expressions and their name maps are built once.
 * Immutable and thread-safe.
 */
public final class Requests {

  /**
   * Free: absent, OR expired, OR in progress past the in-progress expiry; judged at {@code now}.
   */
  static final String ACQUIRE_CONDITION =
      "attribute_not_exists(#k) OR #exp <= :nows OR (#st = :inprogress AND #ipe <= :nowms)";

  private static final AttributeValue INPROGRESS =
      AttributeValue.fromS(RecordStatus.INPROGRESS.name());

  private final String tableName;
  private final ItemMapper mapper;
  private final Map<String, String> acquireNames;
  private final Map<String, String> completeNames;
  private final Map<String, String> leaseNames;

  public Requests(String tableName, TableLayout layout, AttributeNames names, ItemMapper mapper) {
    this.tableName = tableName;
    this.mapper = mapper;
    this.acquireNames =
        Map.of(
            "#k", layout.partitionKeyAttribute(),
            "#exp", names.expiration(),
            "#st", names.status(),
            "#ipe", names.inProgressExpiration());
    this.completeNames =
        Map.of(
            "#st", names.status(),
            "#data", names.data(),
            "#exp", names.expiration(),
            "#lease", names.lease());
    this.leaseNames = Map.of("#lease", names.lease());
  }

  /** The conditional put that acquires, asking for the old item when the condition fails. */
  public PutItemRequest acquire(IdempotencyRecord record, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>(4);
    values.put(":nows", ItemMapper.seconds(now));
    values.put(":nowms", ItemMapper.millis(now));
    values.put(":inprogress", INPROGRESS);
    return PutItemRequest.builder()
        .tableName(tableName)
        .item(mapper.item(record))
        .conditionExpression(ACQUIRE_CONDITION)
        .expressionAttributeNames(acquireNames)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /** The final state, written if the record still carries {@code lease}. */
  public UpdateItemRequest complete(
      String key, String lease, RecordStatus status, byte[] data, Instant expiresAt) {
    Map<String, AttributeValue> values = new HashMap<>(5);
    values.put(":st", AttributeValue.fromS(status.name()));
    values.put(":data", mapper.data(data));
    values.put(":exp", ItemMapper.seconds(expiresAt));
    values.put(":lease", AttributeValue.fromS(lease));
    return UpdateItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(key))
        .updateExpression("SET #st = :st, #data = :data, #exp = :exp")
        .conditionExpression("#lease = :lease")
        .expressionAttributeNames(completeNames)
        .expressionAttributeValues(values)
        .build();
  }

  /** The delete that releases, if the record still carries {@code lease}. */
  public DeleteItemRequest release(String key, String lease) {
    return DeleteItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(key))
        .conditionExpression("#lease = :lease")
        .expressionAttributeNames(leaseNames)
        .expressionAttributeValues(Map.of(":lease", AttributeValue.fromS(lease)))
        .build();
  }

  /** A strongly consistent read. */
  public GetItemRequest find(String key) {
    return GetItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(key))
        .consistentRead(true)
        .build();
  }

  /** An unconditional delete that returns what it deleted. */
  public DeleteItemRequest purge(String key) {
    return DeleteItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(key))
        .returnValues(ReturnValue.ALL_OLD)
        .build();
  }
}
