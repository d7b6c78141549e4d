package dev.once;

/**
 * The work to make idempotent: its exceptions pass through unchanged.
 *
 * @param <T> the result type
 * @param <E> the checked exception it may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface Work<T, E extends Exception> {

  /**
   * Runs the work once.
   *
   * @return the result, stored and replayed to later duplicates
   * @throws E the work's own exception, rethrown unchanged to the caller
   */
  T run() throws E;
}
