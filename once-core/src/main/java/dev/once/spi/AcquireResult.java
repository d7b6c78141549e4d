package dev.once.spi;

import java.util.Objects;

/**
 * What {@link IdempotencyStore#acquire} found: the key was free and is now held by the caller, or a
 * live record holds it.
 */
public sealed interface AcquireResult {

  /** The caller's in-progress record was written; it holds the key under its lease. */
  static AcquireResult acquired() {
    return Acquired.INSTANCE;
  }

  /** A live record holds the key; nothing was written. */
  static AcquireResult existing(IdempotencyRecord record) {
    return new Existing(record);
  }

  /** The key was free (absent, expired, or in progress past its in-progress expiry). */
  enum Acquired implements AcquireResult {
    INSTANCE
  }

  /**
   * A live record holds the key.
   *
   * @param record the record as the store holds it
   */
  record Existing(IdempotencyRecord record) implements AcquireResult {
    public Existing {
      Objects.requireNonNull(record, "record");
    }
  }
}
