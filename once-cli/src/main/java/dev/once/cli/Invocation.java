package dev.once.cli;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One execution's fault and deadline, applied around the side effect: a workload calls {@link
 * #beforeEffect()} just before its side effect and {@link #afterEffect()} just after.
 */
final class Invocation {

  private final Fault fault;
  private final long deadlineNanos;
  private volatile boolean effected;

  Invocation(Fault fault, long deadlineNanos) {
    this.fault = fault;
    this.deadlineNanos = deadlineNanos;
  }

  /** Fails or times out before the side effect, as the plan says. */
  void beforeEffect() {
    if (fault == Fault.FAILURE) {
      throw new SimulatedFailure();
    }
    if (fault == Fault.TIMEOUT) {
      // The invocation holds its instance until it is killed at its deadline.
      long left;
      while ((left = deadlineNanos - System.nanoTime()) > 0) {
        LockSupport.parkNanos(left);
      }
      throw new Killed(Fault.TIMEOUT, false);
    }
    if (System.nanoTime() - deadlineNanos >= 0) {
      // Lambda would have killed it already: the effect never starts.
      throw new Killed(Fault.NONE, false);
    }
  }

  /**
   * Crashes after the side effect, as the plan says, or as Lambda kills an invocation that ran past
   * its deadline: either way the record is left in progress.
   */
  void afterEffect() {
    effected = true;
    if (fault == Fault.CRASH) {
      throw new Killed(Fault.CRASH, true);
    }
    if (System.nanoTime() - deadlineNanos >= 0) {
      throw new Killed(Fault.NONE, true);
    }
  }

  /** True once the side effect happened. */
  boolean effected() {
    return effected;
  }

  /** Milliseconds left before the deadline, never negative. */
  int remainingMillis() {
    return (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }
}
