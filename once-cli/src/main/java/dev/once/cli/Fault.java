package dev.once.cli;

/** What goes wrong in one execution of the work, as the plan decides it. */
enum Fault {
  /** Nothing: the work runs and completes. */
  NONE,
  /** The work throws an ordinary exception before its side effect; the engine releases the key. */
  FAILURE,
  /**
   * The invocation is killed at its deadline before its side effect: the record stays in progress
   * until its in-progress expiry.
   */
  TIMEOUT,
  /**
   * The process dies after the side effect and before completion: the record stays in progress, and
   * the redelivery after the in-progress expiry runs the work again (the crash window).
   */
  CRASH
}
