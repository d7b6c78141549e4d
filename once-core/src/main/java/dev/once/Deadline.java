package dev.once;

import java.time.Duration;
import java.time.Instant;

/**
 * A call's time limits, on the engine's clock: the caller's own deadline, if it gave one (in
 * Lambda, the invocation's), and how long each lease lasts.
 *
 * @param start when the call began
 * @param hard the caller's deadline, or {@code null} when it gave no remaining time
 * @param maxRunTime the longest lease one grant holds
 * @param renew whether leases are renewed while the work runs (never past {@code hard})
 */
record Deadline(Instant start, Instant hard, Duration maxRunTime, boolean renew) {

  static Deadline of(Instant start, Duration remaining, Duration maxRunTime, boolean renew) {
    return new Deadline(start, remaining == null ? null : start.plus(remaining), maxRunTime, renew);
  }

  /**
   * The lease to ask for at {@code now}: up to the caller's deadline, and no longer than {@code
   * maxRunTime} when leases are renewed; {@code maxRunTime} when there is no deadline. Zero or
   * negative once the deadline has passed.
   */
  Duration leaseTime(Instant now) {
    if (hard == null) {
      return maxRunTime;
    }
    Duration untilDeadline = Duration.between(now, hard);
    return renew && untilDeadline.compareTo(maxRunTime) > 0 ? maxRunTime : untilDeadline;
  }

  /** True when a lease ending at {@code leaseEnd} should be renewed before it runs out. */
  boolean renewsBeyond(Instant leaseEnd) {
    return renew && (hard == null || leaseEnd.isBefore(hard));
  }

  /** How long a duplicate may wait for a key in progress: the deadline, or one maximum run. */
  Instant waitUntil() {
    return hard != null ? hard : start.plus(maxRunTime);
  }
}
