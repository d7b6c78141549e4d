package dev.once;

import dev.once.spi.LeaseExtension;
import dev.once.spi.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps long work's leases alive: a sweep, every sixth of the maximum run time, extends each
 * watched lease once a third of it has passed, never past its call's deadline.
 *
 * <p>One sweep serves every call of an engine, so watching a call costs a set insert and removal,
 * not a task scheduled and cancelled (which wakes the scheduler's thread every time). The sweep
 * stops after a few idle rounds and starts again with the next watched lease. Thread-safe.
 */
final class LeaseRenewals {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewals.class);
  private static final Duration MIN_TICK = Duration.ofMillis(10);
  private static final int IDLE_SWEEPS_BEFORE_STOP = 2;

  private final Set<HeldLease> watched = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final TimedStore store;
  private final Clock clock;
  private final Scheduler scheduler;
  private final IdempotencyListener listener;
  private final Duration tick;
  private int idleSweeps; // touched by the sweep only, which never overlaps itself

  LeaseRenewals(
      TimedStore store,
      Clock clock,
      Scheduler scheduler,
      IdempotencyListener listener,
      Duration maxRunTime) {
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
    this.listener = listener;
    Duration sixth = Duration.ofMillis(maxRunTime.toMillis() / 6); // dividedBy loads BigDecimal
    this.tick = sixth.compareTo(MIN_TICK) < 0 ? MIN_TICK : sixth;
  }

  /** Renews {@code lease} while its work runs, when its deadline asks for it. */
  void watch(HeldLease lease) {
    if (!lease.renews()) {
      return;
    }
    watched.add(lease);
    if (sweeping.compareAndSet(false, true)) {
      scheduler.schedule(tick, this::sweep);
    }
  }

  /** Stops renewing {@code lease}: its call completes or releases the key now. */
  void stop(HeldLease lease) {
    lease.stop();
    watched.remove(lease);
  }

  private void sweep() {
    try {
      Instant now = clock.instant();
      for (HeldLease lease : watched) {
        if (!lease.renews()) {
          watched.remove(lease);
        } else if (!now.isBefore(lease.renewAt())) {
          renew(lease, now);
        }
      }
    } finally {
      scheduleNext();
    }
  }

  private void scheduleNext() {
    if (!watched.isEmpty()) {
      idleSweeps = 0;
    } else if (++idleSweeps >= IDLE_SWEEPS_BEFORE_STOP) {
      sweeping.set(false);
      // A lease watched after the check above found the sweep still running: take it over.
      if (watched.isEmpty() || !sweeping.compareAndSet(false, true)) {
        return;
      }
    }
    scheduler.schedule(tick, this::sweep);
  }

  private void renew(HeldLease lease, Instant now) {
    Duration leaseTime = lease.deadline().leaseTime(now);
    if (leaseTime.isNegative() || leaseTime.isZero() || !now.plus(leaseTime).isAfter(lease.end())) {
      watched.remove(lease); // the caller's deadline is reached: the lease ends with it
      return;
    }
    try {
      WriteOutcome outcome =
          store.extend(new LeaseExtension(lease.key(), lease.lease(), now, leaseTime));
      if (lease.stopped()) {
        return; // the call completed or released meanwhile; the answer no longer matters
      }
      if (outcome == WriteOutcome.LEASE_LOST) {
        watched.remove(lease);
        listener.onLeaseLost(lease.key());
        LOG.warn(
            "lease on key {} lost while its work ran: another execution took it over", lease.key());
        return;
      }
      lease.renewed(now, leaseTime);
      listener.onLeaseRenewed(lease.key(), lease.end());
    } catch (StoreException e) {
      LOG.warn("lease renewal on key {} failed; trying again at the next sweep", lease.key(), e);
    } catch (RuntimeException e) {
      watched.remove(lease);
      LOG.warn("lease renewal on key {} failed unexpectedly; its renewal stops", lease.key(), e);
    }
  }
}
