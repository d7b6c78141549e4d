package dev.once;

/**
 * The work's result, encoded (and compressed), is larger than the store can hold. The work ran; the
 * key was released so that the caller can retry; nothing was stored.
 */
public final class ResultTooLargeException extends IdempotencyException {

  private final int size;
  private final int limit;

  ResultTooLargeException(String key, int size, int limit) {
    super(
        "the result for key "
            + key
            + " is "
            + size
            + " bytes encoded, over the limit of "
            + limit
            + " bytes; the key was released",
        key,
        null);
    this.size = size;
    this.limit = limit;
  }

  /** The encoded size, in bytes. */
  public int size() {
    return size;
  }

  /** The limit, in bytes. */
  public int limit() {
    return limit;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
