package dev.once;

/**
 * The root of every error Once raises itself. The user's own exceptions are never wrapped in one:
 * they are rethrown unchanged.
 *
 * <p>{@link #isRetryable()} tells whether the same call may succeed later (the key is in progress,
 * the store was unreachable) or will fail again until its input changes.
 */
public abstract sealed class IdempotencyException extends RuntimeException
    permits InProgressException,
        StoreException,
        PayloadMismatchException,
        MissingKeyException,
        KeyExtractionException,
        ResultTooLargeException,
        ResultCodecException,
        StoredFailureException,
        CorruptRecordException,
        CommitOutcomeUnknownException,
        LeaseLostException,
        LeaseTooShortException {

  /** The full key the error is about, or {@code null}. */
  private final String key;

  IdempotencyException(String message, String key, Throwable cause) {
    this(message, key, cause, true);
  }

  /**
   * @param writableStackTrace false for an error raised so often as an answer (not a defect) that
   *     the stack trace is not worth its cost
   */
  IdempotencyException(String message, String key, Throwable cause, boolean writableStackTrace) {
    super(message, cause, true, writableStackTrace);
    this.key = key;
  }

  /**
   * The full key the error is about.
   *
   * @return the key as stored, {@code prefix#digest}, or {@code null} when no key was computed (the
   *     selector failed or found none)
   */
  public String key() {
    return key;
  }

  /**
   * Whether retrying the same call later may succeed.
   *
   * @return true when a retry may succeed (the key was in progress, the store did not answer);
   *     false when it will fail the same way until the input or the stored record changes
   */
  public abstract boolean isRetryable();
}
