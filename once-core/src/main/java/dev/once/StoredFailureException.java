package dev.once;

/**
 * The replay of a failure the first execution stored because it was declared permanent. It names
 * the original exception's class and message; the original exception object itself is not rebuilt
 * from stored data.
 */
public final class StoredFailureException extends IdempotencyException {

  private final String failureType;
  private final String failureMessage;

  StoredFailureException(String key, String failureType, String failureMessage) {
    super(
        "key " + key + " failed permanently before: " + failureType + ": " + failureMessage,
        key,
        null);
    this.failureType = failureType;
    this.failureMessage = failureMessage;
  }

  /** The class name of the original exception. */
  public String failureType() {
    return failureType;
  }

  /** The message of the original exception, or {@code null}. */
  public String failureMessage() {
    return failureMessage;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
