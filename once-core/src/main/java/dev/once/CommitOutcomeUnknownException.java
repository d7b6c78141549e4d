package dev.once;

/**
 * A transactional call's commit was sent but its outcome is unknown (the connection was lost during
 * the commit): the work's effect and its completed record either both committed or both vanished.
 * Retryable: the next duplicate finds the record {@code COMPLETED} with the effect and replays it,
 * or finds it in progress until the lease ends and then runs the work, once.
 */
public final class CommitOutcomeUnknownException extends IdempotencyException {

  /**
   * For store implementations.
   *
   * @param key the key of the call, or {@code null} when the store does not know it
   * @param cause the driver's error
   */
  public CommitOutcomeUnknownException(String key, Throwable cause) {
    super(
        "the commit for key "
            + key
            + " may or may not have happened: the effect and its record are both there or both gone",
        key,
        cause);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
