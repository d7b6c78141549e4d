package dev.once;

import java.time.Instant;

/**
 * Another execution holds the key and has not finished. Retryable: retry after the in-progress
 * expiry at the latest. A duplicate that gets this error must not be treated as done.
 *
 * <p>Every concurrent duplicate gets one, so it is raised without a stack trace: it is an answer,
 * not a defect, and where it was thrown is always the same call.
 */
public final class InProgressException extends IdempotencyException {

  /** When the holder's lease ends, or {@code null} if unknown. */
  private final Instant inProgressExpiresAt;

  /**
   * Thrown by the engine when a concurrent duplicate finds the key held.
   *
   * @param key the full key that is held
   * @param inProgressExpiresAt when the holder's lease ends, or {@code null} if the record has none
   */
  InProgressException(String key, Instant inProgressExpiresAt) {
    super(
        "key " + key + " is in progress in another execution until " + inProgressExpiresAt,
        key,
        null,
        false);
    this.inProgressExpiresAt = inProgressExpiresAt;
  }

  /**
   * When the holder's lease ends and the key can be taken over.
   *
   * @return the end of the lease on the store's clock, or {@code null} if unknown
   */
  public Instant inProgressExpiresAt() {
    return inProgressExpiresAt;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
