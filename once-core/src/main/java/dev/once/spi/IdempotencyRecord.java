package dev.once.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One idempotency record, as a store keeps it.
 *
 * <p>A record is live, and blocks a new acquisition of its key, while it has not expired and, when
 * {@link RecordStatus#INPROGRESS}, while its in-progress expiry is in the future. Stores keep
 * {@code expiresAt} to the second (DynamoDB's TTL attribute is epoch seconds) and {@code
 * inProgressExpiresAt} to the millisecond; the engine hands them values already truncated so.
 *
 * <p>The {@code data} array is not copied: treat it as read-only.
 *
 * @param key the full key, {@code prefix#digest}
 * @param status the state
 * @param expiresAt when the whole record expires (the TTL)
 * @param inProgressExpiresAt when the holder's lease ends; {@code null} only for records written by
 *     tools that do not set one (such a record is released by its TTL alone)
 * @param validation the digest of the payload part chosen for validation, or {@code null}
 * @param data the encoded result (or stored failure), or {@code null} while in progress
 * @param lease the fencing token of the holder that wrote the record, or {@code null} for records
 *     written by tools that do not set one
 */
public record IdempotencyRecord(
    String key,
    RecordStatus status,
    Instant expiresAt,
    Instant inProgressExpiresAt,
    String validation,
    byte[] data,
    String lease) {

  /**
   * Checks the fields that every record has; the others may be {@code null} as described above.
   *
   * @param key the full key; not null
   * @param status the state; not null
   * @param expiresAt the TTL; not null
   * @param inProgressExpiresAt the end of the holder's lease, or {@code null}
   * @param validation the validation digest, or {@code null}
   * @param data the encoded result, or {@code null}; kept, not copied
   * @param lease the holder's fencing token, or {@code null}
   * @throws NullPointerException if {@code key}, {@code status} or {@code expiresAt} is null
   */
  public IdempotencyRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * A new in-progress record, as the engine hands it to {@link IdempotencyStore#acquire}.
   *
   * @param key the full key; not null
   * @param expiresAt the TTL, whole seconds; not null
   * @param inProgressExpiresAt when the lease ends, to the millisecond; not null
   * @param validation the validation digest, or {@code null}
   * @param lease the new holder's fencing token; not null
   * @return a {@link RecordStatus#INPROGRESS} record without data
   * @throws NullPointerException if a required argument is null
   */
  public static IdempotencyRecord inProgress(
      String key, Instant expiresAt, Instant inProgressExpiresAt, String validation, String lease) {
    Objects.requireNonNull(inProgressExpiresAt, "inProgressExpiresAt");
    Objects.requireNonNull(lease, "lease");
    return new IdempotencyRecord(
        key, RecordStatus.INPROGRESS, expiresAt, inProgressExpiresAt, validation, null, lease);
  }

  /**
   * This record with another status, data and expiry, as {@link IdempotencyStore#complete} leaves
   * it; key, lease, lease end and validation digest stay.
   *
   * @param newStatus the final state, {@link RecordStatus#COMPLETED} or a stored failure
   * @param newData the encoded result, kept without a copy
   * @param newExpiresAt the new TTL, whole seconds
   * @return a new record; this one is unchanged
   */
  public IdempotencyRecord completed(RecordStatus newStatus, byte[] newData, Instant newExpiresAt) {
    return new IdempotencyRecord(
        key, newStatus, newExpiresAt, inProgressExpiresAt, validation, newData, lease);
  }

  /**
   * Whether the whole record has expired.
   *
   * @param now the clock reading to judge by
   * @return true when {@code now} is at or after {@link #expiresAt()}
   */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * Whether an in-progress record's lease has run out. A record without a lease end never counts as
   * run out; only its TTL frees it.
   *
   * @param now the clock reading to judge by
   * @return true when the record is {@link RecordStatus#INPROGRESS} and {@code now} is at or after
   *     {@link #inProgressExpiresAt()}
   */
  public boolean isInProgressExpired(Instant now) {
    return status == RecordStatus.INPROGRESS
        && inProgressExpiresAt != null
        && !now.isBefore(inProgressExpiresAt);
  }

  /**
   * True when the record still holds its key at {@code now}: not expired, and not an in-progress
   * record whose lease ran out. {@link IdempotencyStore#acquire} succeeds exactly when the stored
   * record is absent or not live.
   *
   * @param now the clock reading to judge by
   * @return true while the record blocks a new acquisition of its key
   */
  public boolean isLive(Instant now) {
    return !isExpired(now) && !isInProgressExpired(now);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdempotencyRecord r
        && key.equals(r.key)
        && status == r.status
        && expiresAt.equals(r.expiresAt)
        && Objects.equals(inProgressExpiresAt, r.inProgressExpiresAt)
        && Objects.equals(validation, r.validation)
        && Arrays.equals(data, r.data)
        && Objects.equals(lease, r.lease);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, status, expiresAt, inProgressExpiresAt, validation, lease)
        + 31 * Arrays.hashCode(data);
  }

  /** Never prints the data: results stay off logs. */
  @Override
  public String toString() {
    return "IdempotencyRecord[key="
        + key
        + ", status="
        + status
        + ", expiresAt="
        + expiresAt
        + ", inProgressExpiresAt="
        + inProgressExpiresAt
        + ", dataBytes="
        + (data == null ? 0 : data.length)
        + "]";
  }
}
