package dev.once;

/**
 * The work's result, encoded (and compressed), is larger than the store can hold. The work ran; the
 * key was released so that the caller can retry; nothing was stored.
 */
public final class ResultTooLargeException extends IdempotencyException {

  /** The encoded size, in bytes. */
  private final int size;

  /** The store's limit, in bytes. */
  private final int limit;

  /**
   * Thrown by the engine before writing a result the store cannot hold.
   *
   * @param key the full key, which was released
   * @param size the encoded (and compressed) size of the result, in bytes
   * @param limit the store's {@link dev.once.spi.IdempotencyStore#maxDataBytes() limit}, in bytes
   */
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

  /**
   * The size of the encoded result.
   *
   * @return the size in bytes, after compression when the engine compresses
   */
  public int size() {
    return size;
  }

  /**
   * The most the store can hold.
   *
   * @return the limit in bytes
   */
  public int limit() {
    return limit;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
