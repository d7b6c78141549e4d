package dev.once;

/**
 * A stored record cannot be read: an attribute is missing, of the wrong type, or holds a value no
 * writer of Once produces (an unknown status, a non-numeric expiry). Not retryable: the same record
 * reads the same way until an operator purges it ({@code once records purge KEY}) or it expires.
 */
public final class CorruptRecordException extends IdempotencyException {

  /** The attribute that cannot be read, as the store names it. */
  private final String attribute;

  /**
   * For store implementations.
   *
   * @param key the key whose record is corrupt, or {@code null} when it cannot be read either
   * @param attribute the attribute that cannot be read, as the store names it
   * @param problem what is wrong with it, e.g. {@code "unknown status \"DONE\""}
   * @param cause the parser's error, or {@code null}
   */
  public CorruptRecordException(String key, String attribute, String problem, Throwable cause) {
    super(
        "the stored record of key " + key + " is corrupt: attribute " + attribute + ": " + problem,
        key,
        cause);
    this.attribute = attribute;
  }

  /**
   * The attribute that cannot be read, as the store names it.
   *
   * @return the store's name of the attribute, e.g. {@code "status"} or {@code "expiration"}
   */
  public String attribute() {
    return attribute;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
