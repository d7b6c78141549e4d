package dev.once;

import java.time.Duration;

/**
 * The call would have too little lease left to run its work: its remaining time is shorter than the
 * minimum run time, or the acquisition's answer came so late that the lease had nearly run out.
 * Nothing ran, and a lease that was acquired was released. Retryable: with a fresh deadline (the
 * next invocation) the call can start.
 */
public final class LeaseTooShortException extends IdempotencyException {

  /** The lease time that was left. */
  private final Duration left;

  /** The configured minimum run time. */
  private final Duration minimum;

  /**
   * Thrown by the engine.
   *
   * @param key the key of the call
   * @param left the lease time that was left (negative when already over)
   * @param minimum the configured minimum run time
   */
  LeaseTooShortException(String key, Duration left, Duration minimum) {
    super(
        "the call for key "
            + key
            + " would start its work with "
            + left.toMillis()
            + " ms of lease left, under the minimum run time of "
            + minimum.toMillis()
            + " ms; nothing ran",
        key,
        null);
    this.left = left;
    this.minimum = minimum;
  }

  /**
   * The lease time that was left when the work would have started.
   *
   * @return the time left, negative when the lease was already over
   */
  public Duration left() {
    return left;
  }

  /**
   * The configured minimum run time the lease fell short of.
   *
   * @return the engine's minimum run time setting
   */
  public Duration minimum() {
    return minimum;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
