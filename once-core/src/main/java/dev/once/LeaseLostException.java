package dev.once;

/**
 * The work ran, but when its result was to be recorded the call's lease was gone: it had expired
 * and another execution took the key over. The store does not hold this call's result, and later
 * duplicates replay the other execution's. Retryable: a retry replays what the key holds.
 *
 * <p>Outside a transaction the effect has happened (so it may have happened twice): {@link
 * #result()} carries this execution's result. In a transactional call the effect was rolled back
 * with the completion, {@link #rolledBack()} is true and there is no result.
 */
public final class LeaseLostException extends IdempotencyException {

  private final transient Object result;

  /** True when the work's effect was rolled back with the completion. */
  private final boolean rolledBack;

  /**
   * Thrown by the engine.
   *
   * @param key the key whose lease was lost
   * @param result the work's result, or {@code null} when rolled back
   * @param rolledBack true when the work's effect was rolled back with the completion
   */
  LeaseLostException(String key, Object result, boolean rolledBack) {
    super(
        rolledBack
            ? "the lease on key "
                + key
                + " was lost before the commit: another execution took the key over; the work's"
                + " effect was rolled back"
            : "the lease on key "
                + key
                + " was lost before the result was recorded: another execution took the key over;"
                + " the work's effect happened, but its result is not stored",
        key,
        null);
    this.result = result;
    this.rolledBack = rolledBack;
  }

  /**
   * The work's result, which the store does not hold. It does not travel with a serialized
   * exception.
   *
   * @return the result of this execution, or {@code null} when the effect was rolled back or the
   *     work returned {@code null}
   */
  public Object result() {
    return result;
  }

  /**
   * The work's result, cast to the type the caller declared.
   *
   * @param <T> the result type
   * @param type the class of the result
   * @return the result, or {@code null} as for {@link #result()}
   * @throws ClassCastException if the result is not a {@code type}
   */
  public <T> T result(Class<T> type) {
    return type.cast(result);
  }

  /**
   * Whether the work's effect was rolled back with its completion.
   *
   * @return true for a transactional call, whose effect did not happen; false when the effect
   *     happened and {@link #result()} carries its result
   */
  public boolean rolledBack() {
    return rolledBack;
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
