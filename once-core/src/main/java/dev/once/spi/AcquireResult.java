package dev.once.spi;

import java.util.Objects;

/**
 * What {@link IdempotencyStore#acquire} found: the key was free and is now held by the caller, or a
 * live record holds it.
 */
public sealed interface AcquireResult {

  /**
   * The caller's in-progress record was written; it holds the key under its lease.
   *
   * @return the one {@link Acquired} value
   */
  static AcquireResult acquired() {
    return Acquired.INSTANCE;
  }

  /**
   * A live record holds the key; nothing was written.
   *
   * @param record the live record as the store holds it; not null
   * @return an {@link Existing} carrying {@code record}
   * @throws NullPointerException if {@code record} is null
   */
  static AcquireResult existing(IdempotencyRecord record) {
    return new Existing(record);
  }

  /** The key was free (absent, expired, or in progress past its in-progress expiry). */
  enum Acquired implements AcquireResult {
    /** The only value: an acquisition carries no data beyond the request that made it. */
    INSTANCE
  }

  /**
   * A live record holds the key.
   *
   * @param record the record as the store holds it
   */
  record Existing(IdempotencyRecord record) implements AcquireResult {
    /**
     * Checks that there is a record.
     *
     * @param record the live record; not null
     * @throws NullPointerException if {@code record} is null
     */
    public Existing {
      Objects.requireNonNull(record, "record");
    }
  }
}
