package dev.once;

/**
 * A result could not be encoded for the store, or a stored result could not be decoded into the
 * declared type. When encoding failed the key was released; when decoding failed nothing ran.
 */
public final class ResultCodecException extends IdempotencyException {

  public ResultCodecException(String message, String key, Throwable cause) {
    super(message, key, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
