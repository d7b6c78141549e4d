package dev.once;

import dev.once.spi.RecordStatus;
import dev.once.spi.StoreOperation;
import java.time.Duration;
import java.time.Instant;

/**
 * Hears what the engine does, for metrics and tests. Every method has an empty default. Methods are
 * called on the calling thread and must be fast and thread-safe; an exception thrown by a listener
 * is logged and ignored. Listeners never see payloads or results.
 */
public interface IdempotencyListener {

  /**
   * The key was free: this call acquired it and runs the work.
   *
   * @param key the full key, {@code prefix#digest}
   */
  default void onMiss(String key) {}

  /**
   * A live record holds the key (from the store or the local cache).
   *
   * @param key the full key, {@code prefix#digest}
   * @param status the status of the record that holds it
   */
  default void onHit(String key, RecordStatus status) {}

  /**
   * A stored result was returned instead of running the work.
   *
   * @param key the full key, {@code prefix#digest}
   * @param fromLocalCache true when the result came from the in-memory cache without a store read
   */
  default void onReplay(String key, boolean fromLocalCache) {}

  /**
   * The key was in progress elsewhere and the call failed fast or stopped waiting.
   *
   * @param key the full key, {@code prefix#digest}
   */
  default void onInProgress(String key) {}

  /**
   * The call waited for an in-progress key, for {@code waited} in all, before its outcome.
   *
   * @param key the full key, {@code prefix#digest}
   * @param waited the total time spent waiting, on the engine's clock
   */
  default void onWait(String key, Duration waited) {}

  /**
   * The call's lease was lost (at completion, release or renewal): another holder took the key
   * over. A record already gone when released is not reported.
   *
   * @param key the full key, {@code prefix#digest}
   */
  default void onLeaseLost(String key) {}

  /**
   * Long work's lease was renewed: it now ends at {@code until}, on the engine's clock.
   *
   * @param key the full key, {@code prefix#digest}
   * @param until the new end of the lease
   */
  default void onLeaseRenewed(String key, Instant until) {}

  /** The key selector found no key and the call ran without idempotency. */
  default void onMissingKey() {}

  /**
   * The work succeeded but its result could not be stored after retries; the result was returned
   * and the record stays in progress until its in-progress expiry.
   *
   * @param key the full key, {@code prefix#digest}
   * @param error the store's last error
   */
  default void onCompletionFailed(String key, StoreException error) {}

  /**
   * One store operation took {@code latency}; {@code failed} when it threw.
   *
   * @param operation which store method was called
   * @param latency the wall time of the call, retries of the engine not included
   * @param failed true when the store threw
   */
  default void onStoreCall(StoreOperation operation, Duration latency, boolean failed) {}
}
