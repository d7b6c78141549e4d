package dev.once.spi;

import dev.once.CommitOutcomeUnknownException;
import dev.once.StoreException;

/**
 * One transaction of a {@link TransactionalStore}. Not thread-safe: used by one call.
 *
 * @param <C> the transaction handle
 */
public interface StoreTransaction<C> extends AutoCloseable {

  /**
   * The handle the work writes its effect through.
   *
   * @return the open handle (a {@code java.sql.Connection} out of auto-commit, say); the same one
   *     on every call
   */
  C handle();

  /**
   * Commits.
   *
   * @throws StoreException when the transaction surely did not commit (it was rolled back)
   * @throws CommitOutcomeUnknownException when the store cannot tell whether it committed (the
   *     connection was lost during the commit)
   */
  void commit();

  /** Rolls back, best effort: failures are swallowed, as the transaction is abandoned anyway. */
  void rollback();

  /** Gives the transaction's resources back (a connection to its pool). Never throws. */
  @Override
  void close();
}
