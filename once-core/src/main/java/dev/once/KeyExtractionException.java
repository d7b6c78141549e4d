package dev.once;

/**
 * The key or validation selector failed on the input: the input has no JSON form, a JMESPath
 * function got bad data (invalid base64, JSON or gzip), or a key function threw. Nothing ran.
 */
public final class KeyExtractionException extends IdempotencyException {

  /**
   * Thrown by the engine when a selector fails.
   *
   * @param message what failed, naming the selector and never the payload
   * @param cause the selector's own error, kept
   */
  public KeyExtractionException(String message, Throwable cause) {
    super(message, null, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
