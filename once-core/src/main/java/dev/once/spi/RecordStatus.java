package dev.once.spi;

/** The state of an idempotency record, as stored. */
public enum RecordStatus {
  /** A holder owns the key and is running the work; its lease ends at the in-progress expiry. */
  INPROGRESS,
  /** The work finished; the record holds its encoded result. */
  COMPLETED,
  /** The work failed with an exception declared permanent; the record holds that failure. */
  FAILED
}
