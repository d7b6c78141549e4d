package dev.once.cli;

/**
 * Ends a simulated invocation the way a killed process does. An {@link Error}, so the engine (which
 * handles only {@link Exception}s) neither releases nor completes the record: it stays in progress,
 * exactly as a killed Lambda leaves it. Only the simulator throws and catches it.
 */
final class Killed extends Error {
  private static final long serialVersionUID = 1L;

  private final Fault fault;

  Killed(Fault fault) {
    super("simulated " + fault, null, false, false);
    this.fault = fault;
  }

  Fault fault() {
    return fault;
  }
}
