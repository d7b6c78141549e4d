package dev.once.spi;

import dev.once.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where idempotency records live: the one extension point for storage.
 *
 * <p>A store is small and atomic. It knows nothing of keys' meaning, hashing, codecs, caching or
 * retries: those live in the engine. Normal outcomes are return values; a store throws only {@link
 * StoreException}, when it cannot answer (unreachable, throttled, an error from the server), and
 * then the engine fails closed.
 *
 * <p>Implementations must be thread-safe, and every operation must be atomic against the same key
 * across threads, processes and machines sharing the store. Reads ({@link #find}) must be strongly
 * consistent. Every store passes the shared contract suite in {@code once-testkit}.
 */
public interface IdempotencyStore {

  /**
   * Writes {@code record} (status {@link RecordStatus#INPROGRESS}) if, and only if, the key is
   * absent, or its record is not live at {@code now} (expired, or in progress past its in-progress
   * expiry). One atomic step, one round trip where the server allows it.
   *
   * @param record the caller's in-progress record, carrying its fresh lease
   * @param now the engine's clock reading, against which expiry is judged
   * @return {@link AcquireResult#acquired()} when written, or the live record that holds the key
   * @throws StoreException when the store cannot answer
   */
  AcquireResult acquire(IdempotencyRecord record, Instant now);

  /**
   * Replaces the record of {@code key} with its final state, if and only if it still carries {@code
   * lease}. The validation digest and in-progress expiry are kept.
   *
   * @param status {@link RecordStatus#COMPLETED} or {@link RecordStatus#FAILED}
   * @param data the encoded result or failure, never {@code null}
   * @param expiresAt the record's new expiry
   * @return {@link WriteOutcome#WRITTEN}, or {@link WriteOutcome#LEASE_LOST} when another holder
   *     took the key over or the record is gone
   * @throws StoreException when the store cannot answer
   */
  WriteOutcome complete(
      String key, String lease, RecordStatus status, byte[] data, Instant expiresAt);

  /**
   * Deletes the record of {@code key} if, and only if, it still carries {@code lease}.
   *
   * @return {@link WriteOutcome#WRITTEN} when deleted, else {@link WriteOutcome#LEASE_LOST}
   * @throws StoreException when the store cannot answer
   */
  WriteOutcome release(String key, String lease);

  /**
   * Reads the record of {@code key}, strongly consistent, whether live or not.
   *
   * @throws StoreException when the store cannot answer
   */
  Optional<IdempotencyRecord> find(String key);

  /**
   * Deletes the record of {@code key} whatever it holds: an operator's reset.
   *
   * @return true when a record was deleted
   * @throws StoreException when the store cannot answer
   */
  boolean purge(String key);

  /**
   * Lists up to {@code limit} records, optionally of one status: for tools (find records stuck in
   * progress). May scan the whole store; not for the hot path.
   *
   * @param status the status to keep, or empty for all
   * @throws StoreException when the store cannot answer
   */
  List<IdempotencyRecord> list(Optional<RecordStatus> status, int limit);

  /**
   * The largest {@code data} this store can hold, in bytes, when it has a limit (DynamoDB's item
   * size). The engine refuses larger results with a typed error before anything is lost.
   */
  default OptionalInt maxDataBytes() {
    return OptionalInt.empty();
  }
}
