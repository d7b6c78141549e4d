package dev.once.spi;

/** The outcome of {@link IdempotencyStore#release}, a delete conditional on the caller's lease. */
public enum ReleaseOutcome {
  /** The record carried the caller's lease and was deleted. */
  RELEASED,
  /**
   * There was no record: it was released already (a retried delete whose first attempt landed) or
   * expired away. The key is free; no lease was lost.
   */
  ABSENT,
  /** A record under another lease holds the key: another holder took it over. Nothing deleted. */
  LEASE_LOST
}
