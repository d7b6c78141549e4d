package dev.once.spi;

/** The outcome of a write conditional on the caller's lease: complete, or extend. */
public enum WriteOutcome {
  /** The record carried the caller's lease and was written. */
  WRITTEN,
  /**
   * The record no longer carries the caller's lease: it expired and another holder took it over, or
   * it is gone (or, for an extension, it is no longer in progress). Nothing was written.
   */
  LEASE_LOST
}
