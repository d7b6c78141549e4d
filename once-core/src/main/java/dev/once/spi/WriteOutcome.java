package dev.once.spi;

/** The outcome of a write conditional on the caller's lease. */
public enum WriteOutcome {
  /** The record carried the caller's lease and was written (or deleted). */
  WRITTEN,
  /**
   * The record no longer carries the caller's lease: it expired and another holder took it over, or
   * it is gone. Nothing was written.
   */
  LEASE_LOST
}
