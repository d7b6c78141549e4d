package dev.once.internal;

import dev.once.IdempotencyListener;
import dev.once.Scheduler;
import dev.once.StoreException;
import dev.once.spi.AcquireRequest;
import dev.once.spi.LeaseExtension;
import dev.once.spi.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key this call holds, and until when, on the engine's own clock. The end is judged
 * conservatively: the store counted the lease from a moment no earlier than the request was sent,
 * so the lease lasts at least until the send time plus its length, whatever the store's clock
 * reads.
 *
 * <p>While the work runs, the lease may be renewed in the background (see {@link
 * #renewWhileRunning}); {@link #stop()} ends that before the key is completed or released.
 * Thread-safe: the renewal thread and the calling thread share it.
 */
final class HeldLease {

  private static final Logger LOG = LoggerFactory.getLogger(HeldLease.class);

  /** A renewal is tried once a third of what is left of the lease has passed... */
  private static final int RENEW_AFTER_DIVISOR = 3;

  /** ...but never sooner than this after the last try, so a failing store is not hammered. */
  private static final Duration MIN_RENEWAL_DELAY = Duration.ofMillis(100);

  private final String key;
  private final String lease;
  private final String validation;
  private volatile Instant end;
  private volatile boolean stopped;
  private Scheduler.Cancellable next;

  HeldLease(AcquireRequest request) {
    this.key = request.key();
    this.lease = request.lease();
    this.validation = request.validation();
    this.end = request.now().plus(request.leaseTime());
  }

  String key() {
    return key;
  }

  String lease() {
    return lease;
  }

  /** The validation digest the record was written with, or {@code null}. */
  String validation() {
    return validation;
  }

  /** When the lease ends on the engine's clock, as far as the engine can be sure. */
  Instant end() {
    return end;
  }

  /** How much lease is left at {@code now}; negative once it has run out. */
  Duration left(Instant now) {
    return Duration.between(now, end);
  }

  /** Starts renewing the lease while the work runs, when the deadline asks for it. */
  void renewWhileRunning(
      Deadline deadline,
      TimedStore store,
      Clock clock,
      Scheduler scheduler,
      IdempotencyListener listener) {
    if (deadline.renewsBeyond(end)) {
      new Renewal(deadline, store, clock, scheduler, listener).scheduleNext();
    }
  }

  /** Stops renewing; from here on the call completes or releases the key. Idempotent. */
  void stop() {
    Scheduler.Cancellable pending;
    synchronized (this) {
      stopped = true;
      pending = next;
      next = null;
    }
    if (pending != null) {
      pending.cancel();
    }
  }

  /** One renewal chain; each renewal schedules the next. */
  private final class Renewal implements Runnable {
    private final Deadline deadline;
    private final TimedStore store;
    private final Clock clock;
    private final Scheduler scheduler;
    private final IdempotencyListener listener;

    Renewal(
        Deadline deadline,
        TimedStore store,
        Clock clock,
        Scheduler scheduler,
        IdempotencyListener listener) {
      this.deadline = deadline;
      this.store = store;
      this.clock = clock;
      this.scheduler = scheduler;
      this.listener = listener;
    }

    void scheduleNext() {
      Instant now = clock.instant();
      Duration delay = Duration.between(now, end).dividedBy(RENEW_AFTER_DIVISOR);
      synchronized (HeldLease.this) {
        if (!stopped) {
          next =
              scheduler.schedule(
                  delay.compareTo(MIN_RENEWAL_DELAY) < 0 ? MIN_RENEWAL_DELAY : delay, this);
        }
      }
    }

    @Override
    public void run() {
      if (stopped) {
        return;
      }
      Instant now = clock.instant();
      Duration leaseTime = deadline.leaseTime(now);
      if (leaseTime.isNegative() || leaseTime.isZero() || !now.plus(leaseTime).isAfter(end)) {
        return; // the caller's deadline is reached: the lease ends with it
      }
      try {
        WriteOutcome outcome = store.extend(new LeaseExtension(key, lease, now, leaseTime));
        if (stopped) {
          return; // the call completed or released meanwhile; the answer no longer matters
        }
        if (outcome == WriteOutcome.LEASE_LOST) {
          listener.onLeaseLost(key);
          LOG.warn("lease on key {} lost while its work ran: another execution took it over", key);
          return;
        }
        end = now.plus(leaseTime);
        listener.onLeaseRenewed(key, end);
      } catch (StoreException e) {
        LOG.warn("lease renewal on key {} failed; trying again while the lease lasts", key, e);
      } catch (RuntimeException e) {
        LOG.warn("lease renewal on key {} failed unexpectedly; renewal stops", key, e);
        return;
      }
      if (deadline.renewsBeyond(end)) {
        scheduleNext();
      }
    }
  }
}
