package dev.once.bench.sidebyside;

import java.io.IOException;

/**
 * How a cold-start child tells the harness its first idempotent call completed: one marker line on
 * standard output, then it waits, doing nothing, until the harness has read its CPU time and closes
 * the child's standard input; then it halts (no shutdown work). JDK classes only.
 */
final class FirstCallMarker {

  /** The line a child prints when its first call completed. */
  static final String LINE = "ONCE-BENCH FIRST CALL DONE";

  private FirstCallMarker() {}

  /** Prints the marker, waits for the harness, and halts the JVM. */
  static void reachedThenHalt() {
    System.out.println(LINE);
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // the harness closes the stream when it has measured
      }
    } catch (IOException closed) {
      // the harness went away: nothing left to wait for
    }
    Runtime.getRuntime().halt(0);
  }
}
