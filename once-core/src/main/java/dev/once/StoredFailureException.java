package dev.once;

/**
 * The replay of a failure the first execution stored because it was declared permanent. It names
 * the original exception's class and message; the original exception object itself is not rebuilt
 * from stored data.
 */
public final class StoredFailureException extends IdempotencyException {

  /** The class name of the original exception. */
  private final String failureType;

  /** The message of the original exception, or {@code null}. */
  private final String failureMessage;

  /**
   * Thrown by the engine when it replays a stored failure.
   *
   * @param key the full key whose record holds the failure
   * @param failureType the original exception's class name, as stored
   * @param failureMessage the original exception's message as stored, or {@code null}
   */
  StoredFailureException(String key, String failureType, String failureMessage) {
    super(
        "key " + key + " failed permanently before: " + failureType + ": " + failureMessage,
        key,
        null);
    this.failureType = failureType;
    this.failureMessage = failureMessage;
  }

  /**
   * The class name of the original exception.
   *
   * @return the binary class name, e.g. {@code com.example.CardDeclinedException}
   */
  public String failureType() {
    return failureType;
  }

  /**
   * The message of the original exception.
   *
   * @return the message as it was stored, or {@code null} when it had none
   */
  public String failureMessage() {
    return failureMessage;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
