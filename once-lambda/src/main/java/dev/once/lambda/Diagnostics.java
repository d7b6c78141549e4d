package dev.once.lambda;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Where the Lambda module's warnings go so that they are seen: through SLF4J when a provider is
 * bound, else to standard error, which Lambda sends to CloudWatch (with only {@code slf4j-api} on
 * the class path, SLF4J drops everything). Records and results never appear, only identifiers and
 * error messages. Thread-safe.
 */
final class Diagnostics {

  private static final Logger LOG = LoggerFactory.getLogger("dev.once.lambda");

  private final PrintStream err;
  private final BooleanSupplier providerBound;

  Diagnostics(PrintStream err, BooleanSupplier providerBound) {
    this.err = err;
    this.providerBound = providerBound;
  }

  /** Standard error, and SLF4J when it has a provider. */
  static Diagnostics standard() {
    return new Diagnostics(System.err, Diagnostics::slf4jBound);
  }

  /** True when SLF4J found a provider (it falls back to a no-operation one otherwise). */
  static boolean slf4jBound() {
    return !(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory);
  }

  /** The {@code ONCE_DISABLED} warning: always on standard error, whatever logging is set up. */
  void disabledWarning(String variable) {
    err.println(
        "WARN dev.once.lambda - *** IDEMPOTENCY IS OFF ("
            + variable
            + "=true): every duplicate event runs its side effects again. Use this for local runs"
            + " only, never in a deployed function. ***");
    err.flush();
  }

  /** A warning with its cause: SLF4J's WARN when bound, else one line on standard error. */
  void warn(String message, Throwable cause) {
    if (providerBound.getAsBoolean()) {
      LOG.warn(message, cause);
      return;
    }
    StringBuilder line = new StringBuilder("WARN dev.once.lambda - ").append(message);
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      line.append(t == cause ? ": " : "; caused by ").append(t);
    }
    err.println(line);
    err.flush();
  }
}
