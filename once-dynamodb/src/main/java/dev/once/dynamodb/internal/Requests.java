package dev.once.dynamodb.internal;

import dev.once.dynamodb.AttributeNames;
import dev.once.dynamodb.TableLayout;
import dev.once.spi.AcquireRequest;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
   * Free: absent, OR expired at {@code now}, OR in progress with its lease ended by {@code
   * :takeoverms}: now less the clock skew tolerated between callers.
   */
  static final String ACQUIRE_CONDITION =
      "attribute_not_exists(#k) OR #exp <= :nows OR (#st = :inprogress AND #ipe <= :takeoverms)";

  private static final AttributeValue INPROGRESS =
      AttributeValue.fromS(RecordStatus.INPROGRESS.name());

  private final String tableName;
  private final ItemMapper mapper;
  private final Duration skewTolerance;
  private final Map<String, String> acquireNames;
  private final Map<String, String> completeNames;
  private final Map<String, String> leaseNames;
  private final Map<String, String> extendNames;

  /**
   * Creates the request builder of one store.
   *
   * @param tableName the table every request goes to
   * @param layout the table's key layout
   * @param names the attributes' names, bound in every expression
   * @param mapper the store's item mapping
   * @param skewTolerance the clock skew between callers that a takeover waits out
   */
  public Requests(
      String tableName,
      TableLayout layout,
      AttributeNames names,
      ItemMapper mapper,
      Duration skewTolerance) {
    this.tableName = tableName;
    this.mapper = mapper;
    this.skewTolerance = skewTolerance;
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
    this.extendNames =
        Map.of(
            "#st", names.status(),
            "#ipe", names.inProgressExpiration(),
            "#exp", names.expiration(),
            "#lease", names.lease());
  }

  /**
   * The record {@code request} writes: its times counted from the caller's clock, and its expiry
   * kept past the lease's end plus the skew tolerance, so that no caller takes it over by expiry
   * before its lease could be taken over.
   *
   * @param request the acquisition
   * @return the in-progress record to put
   */
  public IdempotencyRecord record(AcquireRequest request) {
    IdempotencyRecord record = request.record(request.now());
    Instant floor = upToSecond(record.inProgressExpiresAt().plus(skewTolerance).plusSeconds(1));
    return floor.isAfter(record.expiresAt())
        ? new IdempotencyRecord(
            record.key(),
            record.status(),
            floor,
            record.inProgressExpiresAt(),
            record.validation(),
            record.data(),
            record.lease())
        : record;
  }

  /**
   * The conditional put that acquires, asking for the old item when the condition fails.
   *
   * @param request the acquisition
   * @return a put conditional on {@link #ACQUIRE_CONDITION}
   */
  public PutItemRequest acquire(AcquireRequest request) {
    Instant now = request.now();
    Map<String, AttributeValue> values = new HashMap<>(4);
    values.put(":nows", ItemMapper.seconds(now));
    values.put(":takeoverms", ItemMapper.millis(now.minus(skewTolerance)));
    values.put(":inprogress", INPROGRESS);
    return PutItemRequest.builder()
        .tableName(tableName)
        .item(mapper.item(record(request)))
        .conditionExpression(ACQUIRE_CONDITION)
        .expressionAttributeNames(acquireNames)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /**
   * The final state, written if the record still carries the completion's lease.
   *
   * @param completion the final state to write
   * @return an update of status, data and expiry, conditional on the lease
   */
  public UpdateItemRequest complete(Completion completion) {
    Map<String, AttributeValue> values = new HashMap<>(5);
    values.put(":st", AttributeValue.fromS(completion.status().name()));
    values.put(":data", mapper.data(completion.data()));
    values.put(":exp", ItemMapper.seconds(completion.expiresAt(completion.now())));
    values.put(":lease", AttributeValue.fromS(completion.lease()));
    return UpdateItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(completion.key()))
        .updateExpression("SET #st = :st, #data = :data, #exp = :exp")
        .conditionExpression("#lease = :lease")
        .expressionAttributeNames(completeNames)
        .expressionAttributeValues(values)
        .build();
  }

  /**
   * The later lease end, written if the record is in progress under the extension's lease. The
   * expiry is set a second past the new lease end plus the skew tolerance: an in-progress record's
   * expiry matters only as a floor under its lease, and completion sets the real one.
   *
   * @param extension the renewal
   * @return an update of the lease end and expiry, conditional on the lease and the status
   */
  public UpdateItemRequest extend(LeaseExtension extension) {
    Instant leaseEnd = extension.leaseEnd(extension.now());
    Map<String, AttributeValue> values = new HashMap<>(4);
    values.put(":ipe", ItemMapper.millis(leaseEnd));
    values.put(":exp", ItemMapper.seconds(upToSecond(leaseEnd.plus(skewTolerance).plusSeconds(1))));
    values.put(":lease", AttributeValue.fromS(extension.lease()));
    values.put(":inprogress", INPROGRESS);
    return UpdateItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(extension.key()))
        .updateExpression("SET #ipe = :ipe, #exp = :exp")
        .conditionExpression("#lease = :lease AND #st = :inprogress")
        .expressionAttributeNames(extendNames)
        .expressionAttributeValues(values)
        .build();
  }

  /**
   * The delete that releases, if the record still carries {@code lease}; on refusal it asks for the
   * record that refused, to tell a lost lease from a record already gone.
   *
   * @param key the full key
   * @param lease the fencing token the record must still carry
   * @return a delete conditional on the lease
   */
  public DeleteItemRequest release(String key, String lease) {
    return DeleteItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(key))
        .conditionExpression("#lease = :lease")
        .expressionAttributeNames(leaseNames)
        .expressionAttributeValues(Map.of(":lease", AttributeValue.fromS(lease)))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private static Instant upToSecond(Instant instant) {
    Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
    return whole.equals(instant) ? whole : whole.plusSeconds(1);
  }

  /**
   * A strongly consistent read.
   *
   * @param key the full key
   * @return a get of the key's item
   */
  public GetItemRequest find(String key) {
    return GetItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(key))
        .consistentRead(true)
        .build();
  }

  /**
   * An unconditional delete that returns what it deleted.
   *
   * @param key the full key
   * @return a delete asking for the old item, so the store can tell whether there was one
   */
  public DeleteItemRequest purge(String key) {
    return DeleteItemRequest.builder()
        .tableName(tableName)
        .key(mapper.key(key))
        .returnValues(ReturnValue.ALL_OLD)
        .build();
  }
}
