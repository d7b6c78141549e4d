package dev.once.spi;

/**
 * Whose clock judges expiry, and counts the times a store writes.
 *
 * <p>Expiry decides who may take a key over, so two instances whose clocks disagree could both
 * believe they hold it. A store with a clock of its own judges with that one clock ({@link
 * #STORE}), and every instance agrees. A store without one (DynamoDB) judges by the caller's clock
 * ({@link #CALLER}); it then guards takeovers with a skew tolerance.
 */
public enum TimeSource {
  /** The {@code now} the engine passes in each request: the caller's clock. */
  CALLER,
  /**
   * The store's own clock: Redis {@code TIME} in the script, SQL {@code now()} in the statement.
   */
  STORE
}
