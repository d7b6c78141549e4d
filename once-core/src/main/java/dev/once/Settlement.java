package dev.once;

import dev.once.spi.Completion;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The writes that end a held lease: completing the record, or releasing the key. Transient store
 * errors are retried with backoff while the lease lasts (a write that lands after the lease could
 * only be refused). Immutable and thread-safe.
 */
final class Settlement {

  private final TimedStore store;
  private final IdempotencyListener listener;
  private final Clock clock;
  private final Waiting waiting;
  private final Duration expiry;

  Settlement(
      TimedStore store,
      IdempotencyListener listener,
      Clock clock,
      Waiting waiting,
      Duration expiry) {
    this.store = store;
    this.listener = listener;
    this.clock = clock;
    this.waiting = waiting;
    this.expiry = expiry;
  }

  /** The completion a held lease writes now. */
  Completion completion(HeldLease held, RecordStatus status, byte[] data) {
    return new Completion(held.key(), held.lease(), status, data, clock.instant(), expiry);
  }

  /**
   * Writes {@code completion}, retrying store errors while the lease lasts. A retry whose first
   * attempt landed finds the record still under this lease and writes the same again.
   *
   * @throws StoreException the last error, when every try failed
   */
  WriteOutcome complete(HeldLease held, Completion completion) {
    return withRetries(held, () -> store.complete(completion));
  }

  /**
   * Releases the key after {@code cause}, retrying store errors while the lease lasts; a release
   * that still fails is attached to {@code cause}, never thrown. A record already gone is no lost
   * lease: a retried delete whose first attempt landed finds nothing.
   */
  void releaseAfter(HeldLease held, Throwable cause) {
    try {
      ReleaseOutcome outcome = withRetries(held, () -> store.release(held.key(), held.lease()));
      if (outcome == ReleaseOutcome.LEASE_LOST) {
        listener.onLeaseLost(held.key());
      }
    } catch (StoreException releaseFailure) {
      cause.addSuppressed(releaseFailure);
    }
  }

  /**
   * One release, for a write whose outcome is unknown (an acquire that failed): if it landed, the
   * key is freed; a failure is attached to {@code cause}.
   */
  void releaseOnce(String key, String lease, Throwable cause) {
    try {
      store.release(key, lease);
    } catch (RuntimeException releaseFailure) {
      cause.addSuppressed(releaseFailure);
    }
  }

  private <R> R withRetries(HeldLease held, Supplier<R> write) {
    Backoff backoff = Backoff.forCompletion();
    while (true) {
      try {
        return write.get();
      } catch (StoreException e) {
        Duration pause = backoff.next();
        Instant now = clock.instant();
        if (pause == null || !now.plus(pause).isBefore(held.end()) || !waiting.pause(pause)) {
          throw e;
        }
      }
    }
  }
}
