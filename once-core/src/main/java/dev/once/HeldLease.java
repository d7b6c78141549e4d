package dev.once;

import dev.once.spi.AcquireRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * A key this call holds, and until when, on the engine's own clock. The end is judged
 * conservatively: the store counted the lease from a moment no earlier than the request was sent,
 * so the lease lasts at least until the send time plus its length, whatever the store's clock
 * reads.
 *
 * <p>While the work runs, {@link LeaseRenewals} may extend the lease; {@link #stop()} ends that
 * before the key is completed or released. Thread-safe: the renewal thread and the calling thread
 * share it.
 */
final class HeldLease {

  /** A renewal is due once a third of the lease has passed. */
  static final int RENEW_AFTER_DIVISOR = 3;

  private final String key;
  private final String lease;
  private final String validation;
  private final Deadline deadline;
  private volatile Instant end;
  private volatile Instant renewAt;
  private volatile boolean stopped;

  HeldLease(AcquireRequest request, Deadline deadline) {
    this.key = request.key();
    this.lease = request.lease();
    this.validation = request.validation();
    this.deadline = deadline;
    this.end = request.now().plus(request.leaseTime());
    this.renewAt = request.now().plus(renewalDelay(request.leaseTime()));
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

  /** The call's deadline, which bounds every renewal. */
  Deadline deadline() {
    return deadline;
  }

  /** When the lease ends on the engine's clock, as far as the engine can be sure. */
  Instant end() {
    return end;
  }

  /** How much lease is left at {@code now}; negative once it has run out. */
  Duration left(Instant now) {
    return Duration.between(now, end);
  }

  /** True when the lease should be renewed before it runs out. */
  boolean renews() {
    return !stopped && deadline.renewsBeyond(end);
  }

  /** When the next renewal is due. */
  Instant renewAt() {
    return renewAt;
  }

  /** A renewal sent at {@code sentAt} extended the lease by {@code leaseTime}. */
  void renewed(Instant sentAt, Duration leaseTime) {
    end = sentAt.plus(leaseTime);
    renewAt = sentAt.plus(renewalDelay(leaseTime));
  }

  /** Stops renewing; from here on the call completes or releases the key. Idempotent. */
  void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }

  /**
   * A third of the lease, rounded down to the nanosecond as {@code dividedBy} would, without its
   * BigDecimal arithmetic (on every call, and a class more at cold start). Leases are at most
   * {@code Idempotency.MAX_DURATION}, far inside a long of nanoseconds.
   */
  private static Duration renewalDelay(Duration leaseTime) {
    return Duration.ofNanos(leaseTime.toNanos() / RENEW_AFTER_DIVISOR);
  }
}
