package dev.once;

/**
 * The store could not be reached or answered an error. Retryable. Before the key is acquired this
 * means nothing ran (Once fails closed); the cause is always kept.
 */
public final class StoreException extends IdempotencyException {

  /**
   * For store implementations.
   *
   * @param message what was attempted, naming the store and, where known, the key
   * @param key the key, or {@code null}
   * @param cause the client's error
   */
  public StoreException(String message, String key, Throwable cause) {
    super(message, key, cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
