package dev.once;

/**
 * The key was used before with a different payload (payload validation is on). Nothing ran. Not
 * retryable: the same request will keep failing until it uses a new key.
 */
public final class PayloadMismatchException extends IdempotencyException {

  /**
   * Thrown by the engine when the validation digests differ.
   *
   * @param key the full key that was used before with another payload
   */
  PayloadMismatchException(String key) {
    super(
        "key " + key + " was used before with a different payload; use a new key for a new request",
        key,
        null);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
