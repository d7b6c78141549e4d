package dev.once;

/** What a call does when it finds its key held by an execution in progress. */
public enum InProgressPolicy {
  /** Throw {@link InProgressException} at once (retryable). The default. */
  FAIL_FAST,
  /**
   * Poll the record with backoff until it is completed (replay its result), released or expired
   * (take it over), or the call's own deadline is nearly spent (then {@link InProgressException}).
   */
  WAIT
}
