package dev.once.cli;

/**
 * Ends a simulated invocation the way a killed process does. An {@link Error}, so the engine (which
 * handles only {@link Exception}s) neither releases nor completes the record: it stays in progress,
 * exactly as a killed Lambda leaves it. Only the simulator throws and catches it.
 */
final class Killed extends Error {
  private static final long serialVersionUID = 1L;

  private final Fault fault;
  private final boolean afterEffect;

  /**
   * @param fault the planned fault, or {@link Fault#NONE} when the invocation overran its deadline
   * @param afterEffect true when the side effect had happened
   */
  Killed(Fault fault, boolean afterEffect) {
    super("simulated " + fault, null, false, false);
    this.fault = fault;
    this.afterEffect = afterEffect;
  }

  /** The planned fault, or {@link Fault#NONE} for an invocation that overran its deadline. */
  Fault fault() {
    return fault;
  }

  /** True when the side effect had happened: the crash window. */
  boolean afterEffect() {
    return afterEffect;
  }
}
