package dev.once;

/**
 * Work that writes its effect through a transaction handed to it (a JDBC {@code Connection}), so
 * that the effect commits together with its idempotency record.
 *
 * @param <C> the transaction handle
 * @param <T> the result type
 * @param <E> the checked exception it may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface TransactionalWork<C, T, E extends Exception> {

  /**
   * Runs the work, writing its effect through {@code transaction}; must not commit, roll back or
   * close it: the engine does, together with the completion.
   *
   * @param transaction the open handle to write the effect through
   * @return the result, stored and replayed to later duplicates
   * @throws E the work's own exception, rethrown unchanged to the caller
   */
  T run(C transaction) throws E;
}
