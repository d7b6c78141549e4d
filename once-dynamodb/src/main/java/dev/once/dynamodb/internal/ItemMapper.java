package dev.once.dynamodb.internal;

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

  public ItemMapper(TableLayout layout, AttributeNames names, DataFormat format) {
    this.layout = layout;
    this.names = names;
    this.format = format;
    this.partitionValue =
        layout instanceof TableLayout.SharedPartition shared
            ? AttributeValue.fromS(shared.partitionValue())
            : null;
  }

  /** The primary key of {@code key}'s item. */
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

  /** The bytes every item spends on attribute names and the static partition value. */
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

  /** The static partition value of a shared layout, or {@code null}. */
  public AttributeValue partitionValue() {
    return partitionValue;
  }

  /** The full item of {@code record}. */
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

  /** {@code data} as the configured format writes it. */
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
   * @throws IllegalArgumentException naming the attribute when the item is not a record
   */
  public IdempotencyRecord record(Map<String, AttributeValue> item) {
    String key = string(item, layout.keyAttribute());
    if (key == null) {
      throw new IllegalArgumentException("the item has no key attribute " + layout.keyAttribute());
    }
    String status = string(item, names.status());
    if (status == null) {
      throw new IllegalArgumentException("the item of key " + key + " has no " + names.status());
    }
    Long expiration = number(item, names.expiration(), key);
    if (expiration == null) {
      throw new IllegalArgumentException(
          "the item of key " + key + " has no " + names.expiration());
    }
    Long inProgress = number(item, names.inProgressExpiration(), key);
    return new IdempotencyRecord(
        key,
        status(status, key),
        Instant.ofEpochSecond(expiration),
        inProgress == null ? null : Instant.ofEpochMilli(inProgress),
        string(item, names.validation()),
        bytes(item.get(names.data())),
        string(item, names.lease()));
  }

  public static AttributeValue seconds(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
  }

  public static AttributeValue millis(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
  }

  private RecordStatus status(String value, String key) {
    try {
      return RecordStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the item of key " + key + " has an unknown " + names.status() + " \"" + value + "\"", e);
    }
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static Long number(Map<String, AttributeValue> item, String name, String key) {
    AttributeValue value = item.get(name);
    if (value == null || value.n() == null) {
      return null;
    }
    try {
      return new BigDecimal(value.n()).longValue();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the item of key " + key + " has a non-numeric " + name + " \"" + value.n() + "\"", e);
    }
  }

  private static byte[] bytes(AttributeValue value) {
    if (value == null) {
      return null;
    }
    if (value.b() != null) {
      return value.b().asByteArrayUnsafe();
    }
    return value.s() == null ? null : value.s().getBytes(StandardCharsets.UTF_8);
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
