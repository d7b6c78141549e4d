package dev.once;

/**
 * The key or validation selector failed on the input: the input has no JSON form, a JMESPath
 * function got bad data (invalid base64, JSON or gzip), or a key function threw. Nothing ran. Not
 * retryable: the same input fails the same way.
 *
 * <p>Open to subclasses (the one class of the hierarchy that is) so that an integration can say
 * more precisely why no key could be taken, as once-lambda's {@code EventFormatException} does for
 * an event stream that is not JSON; a subclass stays a non-retryable {@link IdempotencyException}.
 */
public non-sealed class KeyExtractionException extends IdempotencyException {

  /**
   * For the engine, and for a subclass raised by an integration before the engine sees the input.
   *
   * @param message what failed, naming the selector or the input's problem
   * @param cause the underlying failure, or {@code null}
   */
  protected KeyExtractionException(String message, Throwable cause) {
    super(message, null, cause);
  }

  /**
   * Always false: the same input fails the same way.
   *
   * @return false
   */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
