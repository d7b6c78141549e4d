package dev.once;

/**
 * The key or validation selector failed on the input: the input has no JSON form, a JMESPath
 * function got bad data (invalid base64, JSON or gzip), or a key function threw. Nothing ran.
 */
public final class KeyExtractionException extends IdempotencyException {

  public KeyExtractionException(String message, Throwable cause) {
    super(message, null, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
