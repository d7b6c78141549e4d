package dev.once;

/**
 * Transforms every replayed result before the caller gets it: a result read back from the store or
 * the local cache for a duplicate call, never one a call has just computed. For example, mark an
 * HTTP response as replayed, or log which results were served again. Set by {@link
 * Idempotency.Builder#replayHook}.
 *
 * <p>Called on the calling thread; must be thread-safe. It is not called for a stored permanent
 * failure (that is rethrown as {@link StoredFailureException}). What it throws reaches the caller
 * unchanged; the record is not touched.
 */
@FunctionalInterface
public interface ReplayHook {

  /**
   * The result to hand back for a replay.
   *
   * @param result the stored result, decoded to the call's result type ({@code null} if stored so)
   * @param replay the record's facts: key, when it was stored, where it was read from
   * @return the result to return, of the call's result type (a value of another type fails the
   *     caller with a {@link ClassCastException})
   */
  Object apply(Object result, Replay replay);
}
