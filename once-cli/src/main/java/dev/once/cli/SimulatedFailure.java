package dev.once.cli;

/** The ordinary error of a simulated failure: thrown before the side effect. */
final class SimulatedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SimulatedFailure() {
    super("simulated failure", null, false, false);
  }
}
