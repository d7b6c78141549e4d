package dev.once.redis.internal;

import dev.once.CorruptRecordException;
import dev.once.redis.FieldNames;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads records from a hash's fields, by the configured names: from {@code HGETALL} and from the
 * acquire script's {name, value, ...} reply. Fields of other names are ignored. A field that cannot
 * be read fails with {@link CorruptRecordException} naming the key and the field. Not API;
 * immutable and thread-safe.
 */
public final class RecordFields {

  private final FieldNames names;

  /**
   * Reads fields of the given names.
   *
   * @param names the store's field names
   */
  public RecordFields(FieldNames names) {
    this.names = names;
  }

  /**
   * The record from a hash's fields ({@code HGETALL}); empty when there is no hash (no record).
   *
   * @param key the full idempotency key, which the hash does not hold
   * @param hash the reply of {@code HGETALL}, field name to value
   * @return the record, or empty for an empty hash
   * @throws CorruptRecordException naming the key and field when a field cannot be read
   */
  public Optional<IdempotencyRecord> fromHash(String key, Map<byte[], byte[]> hash) {
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    Map<String, byte[]> fields = new HashMap<>();
    hash.forEach((name, value) -> fields.put(new String(name, StandardCharsets.UTF_8), value));
    return Optional.of(read(key, fields));
  }

  /**
   * The record from the acquire script's flat {name, value, name, value, ...} reply.
   *
   * @param key the full idempotency key
   * @param pairs alternating field names and values, as byte arrays
   * @return the record that holds the key
   * @throws CorruptRecordException naming the key and field when a field cannot be read
   */
  public IdempotencyRecord fromPairs(String key, List<?> pairs) {
    Map<String, byte[]> fields = new HashMap<>();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      fields.put(
          new String((byte[]) pairs.get(i), StandardCharsets.UTF_8), (byte[]) pairs.get(i + 1));
    }
    return read(key, fields);
  }

  private IdempotencyRecord read(String key, Map<String, byte[]> fields) {
    return new IdempotencyRecord(
        key,
        status(key, fields.get(names.status())),
        Instant.ofEpochSecond(number(key, names.expiration(), fields.get(names.expiration()))),
        inProgressExpiry(key, fields.get(names.inProgressExpiration())),
        text(fields.get(names.validation())),
        fields.get(names.data()),
        text(fields.get(names.lease())));
  }

  private RecordStatus status(String key, byte[] value) {
    if (value == null) {
      throw corrupt(key, names.status(), "is missing");
    }
    String status = text(value);
    for (RecordStatus known : RecordStatus.values()) {
      if (known.name().equals(status)) {
        return known;
      }
    }
    throw corrupt(key, names.status(), "holds an unknown status '" + printable(status) + "'");
  }

  private Instant inProgressExpiry(String key, byte[] value) {
    return value == null
        ? null
        : Instant.ofEpochMilli(number(key, names.inProgressExpiration(), value));
  }

  private long number(String key, String field, byte[] value) {
    if (value == null) {
      throw corrupt(key, field, "is missing");
    }
    try {
      return Long.parseLong(text(value));
    } catch (NumberFormatException e) {
      throw corrupt(key, field, "is not a whole number: '" + printable(text(value)) + "'");
    }
  }

  private static CorruptRecordException corrupt(String key, String field, String problem) {
    return new CorruptRecordException(key, field, problem, null);
  }

  private static String printable(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }

  private static String text(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
