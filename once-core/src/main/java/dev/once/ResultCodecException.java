package dev.once;

/**
 * A result could not be encoded for the store, or a stored result could not be decoded into the
 * declared type. When encoding failed the key was released; when decoding failed nothing ran.
 */
public final class ResultCodecException extends IdempotencyException {

  /**
   * For codecs and the engine.
   *
   * @param message what could not be encoded or decoded, naming the type and never the value
   * @param key the full key, or {@code null} when a codec throws outside a call
   * @param cause the codec's own error, or {@code null}
   */
  public ResultCodecException(String message, String key, Throwable cause) {
    super(message, key, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
