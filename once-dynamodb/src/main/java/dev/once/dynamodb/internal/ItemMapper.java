package dev.once.dynamodb.internal;

import dev.once.CorruptRecordException;
import dev.once.dynamodb.AttributeNames;
import dev.once.dynamodb.DataFormat;
import dev.once.dynamodb.TableLayout;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records to DynamoDB items and back, for one layout, set of names and data format. Immutable and
 * thread-safe.
 */
public final class ItemMapper {

  private final TableLayout layout;
  private final AttributeNames names;
  private final DataFormat format;
  private final AttributeValue partitionValue;

  /**
   * Creates the mapping of one store.
   *
   * @param layout where the key goes in the primary key
   * @param names the other attributes' names
   * @param format how result data is written: Binary, or String when it is UTF-8 text
   */
  public ItemMapper(TableLayout layout, AttributeNames names, DataFormat format) {
    this.layout = layout;
    this.names = names;
    this.format = format;
    this.partitionValue =
        layout instanceof TableLayout.SharedPartition shared
            ? AttributeValue.fromS(shared.partitionValue())
            : null;
  }

  /**
   * The primary key of {@code key}'s item.
   *
   * @param key the full key
   * @return the key attribute, plus the static partition value in the shared layout
   */
  public Map<String, AttributeValue> key(String key) {
    if (partitionValue == null) {
      return Map.of(layout.keyAttribute(), AttributeValue.fromS(key));
    }
    return Map.of(
        layout.partitionKeyAttribute(),
        partitionValue,
        layout.keyAttribute(),
        AttributeValue.fromS(key));
  }

  /**
   * The bytes every item spends on attribute names and the static partition value, which count
   * against DynamoDB's item size limit.
   *
   * @return the UTF-8 length of the names (and value), in bytes
   */
  public int namesLength() {
    int length = utf8Length(layout.partitionKeyAttribute());
    if (partitionValue != null) {
      length += utf8Length(layout.keyAttribute()) + utf8Length(partitionValue.s());
    }
    for (String name :
        new String[] {
          names.status(),
          names.expiration(),
          names.inProgressExpiration(),
          names.data(),
          names.validation(),
          names.lease()
        }) {
      length += utf8Length(name);
    }
    return length;
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The static partition value of a shared layout.
   *
   * @return the value as a String attribute, or {@code null} in the partition key layout
   */
  public AttributeValue partitionValue() {
    return partitionValue;
  }

  /**
   * The full item of {@code record}; attributes the record leaves {@code null} are not written.
   *
   * @param record the record to store
   * @return a new mutable map of attribute values
   */
  public Map<String, AttributeValue> item(IdempotencyRecord record) {
    Map<String, AttributeValue> item = new HashMap<>(key(record.key()));
    item.put(names.status(), AttributeValue.fromS(record.status().name()));
    item.put(names.expiration(), seconds(record.expiresAt()));
    if (record.inProgressExpiresAt() != null) {
      item.put(names.inProgressExpiration(), millis(record.inProgressExpiresAt()));
    }
    if (record.validation() != null) {
      item.put(names.validation(), AttributeValue.fromS(record.validation()));
    }
    if (record.data() != null) {
      item.put(names.data(), data(record.data()));
    }
    if (record.lease() != null) {
      item.put(names.lease(), AttributeValue.fromS(record.lease()));
    }
    return item;
  }

  /**
   * {@code data} as the configured format writes it.
   *
   * @param data encoded result bytes
   * @return a String attribute when the format is {@link DataFormat#STRING} and the bytes are UTF-8
   *     text, otherwise a Binary attribute sharing {@code data}
   */
  public AttributeValue data(byte[] data) {
    if (format == DataFormat.STRING) {
      String text = utf8(data);
      if (text != null) {
        return AttributeValue.fromS(text);
      }
    }
    return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(data));
  }

  /**
   * The record an item holds.
   *
   * @param item an item as DynamoDB returned it
   * @return the record
   * @throws CorruptRecordException naming the attribute when the item is not a readable record
   */
  public IdempotencyRecord record(Map<String, AttributeValue> item) {
    String key = string(item, layout.keyAttribute(), null);
    if (key == null) {
      throw new CorruptRecordException(null, layout.keyAttribute(), "missing", null);
    }
    String status = string(item, names.status(), key);
    if (status == null) {
      throw new CorruptRecordException(key, names.status(), "missing", null);
    }
    Long expiration = number(item, names.expiration(), key);
    if (expiration == null) {
      throw new CorruptRecordException(key, names.expiration(), "missing", null);
    }
    Long inProgress = number(item, names.inProgressExpiration(), key);
    RecordStatus recordStatus = status(status, key);
    if (recordStatus == RecordStatus.INPROGRESS && inProgress == null) {
      throw new CorruptRecordException(
          key, names.inProgressExpiration(), "missing on an INPROGRESS record", null);
    }
    return new IdempotencyRecord(
        key,
        recordStatus,
        Instant.ofEpochSecond(expiration),
        inProgress == null ? null : Instant.ofEpochMilli(inProgress),
        string(item, names.validation(), key),
        bytes(item.get(names.data()), key),
        string(item, names.lease(), key));
  }

  /**
   * An instant as the TTL attribute holds it.
   *
   * @param instant the time; sub-second parts are dropped
   * @return a Number attribute of epoch seconds
   */
  public static AttributeValue seconds(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
  }

  /**
   * An instant as the in-progress expiration attribute holds it.
   *
   * @param instant the time; sub-millisecond parts are dropped
   * @return a Number attribute of epoch milliseconds
   */
  public static AttributeValue millis(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
  }

  private RecordStatus status(String value, String key) {
    try {
      return RecordStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new CorruptRecordException(key, names.status(), "unknown status \"" + value + "\"", e);
    }
  }

  /** A String attribute, or {@code null} when absent; another type is corrupt. */
  private static String string(Map<String, AttributeValue> item, String name, String key) {
    AttributeValue value = item.get(name);
    if (value == null || Boolean.TRUE.equals(value.nul())) {
      return null;
    }
    if (value.s() == null) {
      throw new CorruptRecordException(key, name, "not a String (" + value.type() + ")", null);
    }
    return value.s();
  }

  /** A whole Number attribute, or {@code null} when absent; anything else is corrupt. */
  private static Long number(Map<String, AttributeValue> item, String name, String key) {
    AttributeValue value = item.get(name);
    if (value == null || Boolean.TRUE.equals(value.nul())) {
      return null;
    }
    if (value.n() == null) {
      throw new CorruptRecordException(key, name, "not a Number (" + value.type() + ")", null);
    }
    try {
      return new BigDecimal(value.n()).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new CorruptRecordException(
          key, name, "not a whole number in range \"" + value.n() + "\"", e);
    }
  }

  private byte[] bytes(AttributeValue value, String key) {
    if (value == null || Boolean.TRUE.equals(value.nul())) {
      return null;
    }
    if (value.b() != null) {
      return value.b().asByteArrayUnsafe();
    }
    if (value.s() != null) {
      return value.s().getBytes(StandardCharsets.UTF_8);
    }
    throw new CorruptRecordException(
        key, names.data(), "neither Binary nor String (" + value.type() + ")", null);
  }

  private static String utf8(byte[] data) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
