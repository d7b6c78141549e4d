package dev.once.spi;

import dev.once.CorruptRecordException;
import dev.once.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where idempotency records live: the one extension point for storage.
 *
 * <p>A store is small and atomic. It knows nothing of keys' meaning, hashing, codecs, caching or
 * retries: those live in the engine. Normal outcomes are return values; a store throws only {@link
 * StoreException}, when it cannot answer (unreachable, throttled, an error from the server), and
 * then the engine fails closed, or {@link CorruptRecordException}, when a stored record cannot be
 * read.
 *
 * <p><b>Time.</b> Requests carry durations and the caller's clock reading. A store counts the times
 * it writes, and judges expiry, from one base time: its own clock when it has one ({@link
 * TimeSource#STORE}: Redis {@code TIME}, SQL {@code now()}), otherwise the request's {@code now}
 * ({@link TimeSource#CALLER}). {@link #timeSource()} says which. A store with a clock of its own
 * should offer {@link TimeSource#CALLER} as an option, so that tests drive its expiry with a fake
 * clock.
 *
 * <p>Implementations must be thread-safe, and every operation must be atomic against the same key
 * across threads, processes and machines sharing the store. Reads ({@link #find}) must be strongly
 * consistent. Every store passes the shared contract suite in {@code once-testkit}.
 */
public interface IdempotencyStore {

  /**
   * Writes the request's {@link RecordStatus#INPROGRESS} record if, and only if, the key is absent,
   * or its record is not live at the base time: expired ({@code expiresAt <= base}), or in progress
   * with its lease run out ({@code inProgressExpiresAt <= base}). One atomic step, one round trip
   * where the server allows it.
   *
   * @param request the key, the new lease, the validation digest and the times to write
   * @return {@link AcquireResult#acquired()} when written, or the live record that holds the key
   * @throws StoreException when the store cannot answer
   * @throws CorruptRecordException when the record holding the key cannot be read
   */
  AcquireResult acquire(AcquireRequest request);

  /**
   * Replaces the record with its final state ({@code status}, {@code data}, and an expiry of {@link
   * Completion#expiresAt}), if and only if it still carries the completion's lease. The validation
   * digest and the in-progress expiry are kept.
   *
   * @param completion the key, the lease it must still carry, and the final state to write
   * @return {@link WriteOutcome#WRITTEN}, or {@link WriteOutcome#LEASE_LOST} when another holder
   *     took the key over or the record is gone
   * @throws StoreException when the store cannot answer
   */
  WriteOutcome complete(Completion completion);

  /**
   * Moves the lease end of an in-progress record to {@link LeaseExtension#leaseEnd}, and its expiry
   * to {@link LeaseExtension#expiresAt} when that is later, if and only if the record is {@link
   * RecordStatus#INPROGRESS} and still carries the extension's lease.
   *
   * @param extension the key, the lease it must still carry, and the new lease time
   * @return {@link WriteOutcome#WRITTEN}, or {@link WriteOutcome#LEASE_LOST} otherwise
   * @throws StoreException when the store cannot answer
   */
  WriteOutcome extend(LeaseExtension extension);

  /**
   * Deletes the record of {@code key} if, and only if, it still carries {@code lease}.
   *
   * @param key the full key whose record to delete
   * @param lease the fencing token the record must still carry; another holder's record stays
   * @return {@link ReleaseOutcome#RELEASED} when deleted, {@link ReleaseOutcome#ABSENT} when there
   *     was no record, {@link ReleaseOutcome#LEASE_LOST} when a record under another lease holds
   *     the key
   * @throws StoreException when the store cannot answer
   */
  ReleaseOutcome release(String key, String lease);

  /**
   * Reads the record of {@code key}, strongly consistent, whether live or not.
   *
   * @param key the full key, {@code prefix#digest}
   * @return the stored record, expired or not, or empty when the store holds none for the key
   * @throws StoreException when the store cannot answer
   * @throws CorruptRecordException when the record cannot be read
   */
  Optional<IdempotencyRecord> find(String key);

  /**
   * Deletes the record of {@code key} whatever it holds: an operator's reset.
   *
   * @param key the full key, {@code prefix#digest}
   * @return true when a record was deleted
   * @throws StoreException when the store cannot answer
   */
  boolean purge(String key);

  /**
   * Lists up to {@code limit} records whose status is one of {@code statuses}: for tools (find
   * records stuck in progress). May scan the whole store; not for the hot path.
   *
   * @param statuses the statuses to keep; {@code EnumSet.allOf(RecordStatus.class)} for all
   * @param limit the most records returned; not negative
   * @return the matching records in no particular order, at most {@code limit}
   * @throws StoreException when the store cannot answer
   */
  List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit);

  /**
   * Deletes up to {@code limit} records that have expired, for stores whose server does not delete
   * them itself (SQL has no TTL). Expiry is judged as by {@link #acquire}: at {@code now} for
   * {@link TimeSource#CALLER}, by the store's clock for {@link TimeSource#STORE}.
   *
   * @param now the caller's clock reading, the base time of a {@link TimeSource#CALLER} store
   * @param limit the most records deleted in this call; positive
   * @return how many were deleted, or empty when the store's server deletes expired records itself
   *     (DynamoDB TTL, Redis key expiry); the default
   * @throws StoreException when the store cannot answer
   */
  default OptionalInt purgeExpired(Instant now, int limit) {
    return OptionalInt.empty();
  }

  /**
   * The largest {@code data} this store can hold, in bytes, when it has a limit (DynamoDB's item
   * size). The engine refuses larger results with a typed error before anything is lost.
   *
   * @return the limit in bytes of the encoded data, or empty (the default) when there is none
   */
  default OptionalInt maxDataBytes() {
    return OptionalInt.empty();
  }

  /**
   * Whose clock this store judges expiry by, and counts the times it writes from.
   *
   * @return {@link TimeSource#STORE} for the store's own clock, {@link TimeSource#CALLER} (the
   *     default) for the request's {@code now}
   */
  default TimeSource timeSource() {
    return TimeSource.CALLER;
  }
}
