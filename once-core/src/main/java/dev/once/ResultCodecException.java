package dev.once;

/**
 * A result could not be encoded for the store, or a stored result could not be decoded into the
 * declared type. When encoding failed the key was released; when decoding failed nothing ran.
 */
public final class ResultCodecException extends IdempotencyException {

  /**
   * For result codecs ({@link dev.once.spi.ResultCodec}), which may throw it from {@code encode} or
   * {@code decode}; the engine adds the key when the codec does not know it.
   *
   * @param message what could not be encoded or decoded, and why
   * @param key the key, or {@code null} when the codec does not know it
   * @param cause the serializer's error, or {@code null}
   */
  public ResultCodecException(String message, String key, Throwable cause) {
    super(message, key, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
