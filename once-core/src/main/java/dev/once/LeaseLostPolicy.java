package dev.once;

/**
 * What a call is told when its work ran but its lease was lost before the result could be recorded
 * (another execution took the key over, so the store holds that one's outcome instead).
 */
public enum LeaseLostPolicy {
  /** Throw {@link LeaseLostException}, carrying the result. The default: nothing is hidden. */
  THROW,
  /**
   * Return the work's result as if recorded (the listener still hears {@code onLeaseLost} and a
   * WARN is logged): for callers that must not fail once the effect has happened.
   */
  RETURN_RESULT
}
