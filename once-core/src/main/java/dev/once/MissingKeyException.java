package dev.once;

/**
 * The key selector found no key in the input (null, absent, or only nulls). Nothing ran. Set {@code
 * MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY} to run such calls unprotected instead.
 */
public final class MissingKeyException extends IdempotencyException {

  /**
   * Thrown by the engine when the key selector finds nothing.
   *
   * @param selector the selector as configured (a JMESPath expression, say), for the message
   */
  MissingKeyException(String selector) {
    super("no idempotency key found in the input by " + selector, null, null);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
