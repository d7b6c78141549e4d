package dev.once.jdbc;

import dev.once.CommitOutcomeUnknownException;
import dev.once.StoreException;
import dev.once.spi.StoreTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * One transaction of {@link JdbcStore}: a connection of its own out of auto-commit ({@link
 * #begin}), or a connection the caller manages ({@link #join}), whose commit, rollback and close
 * are then the caller's. Not thread-safe: one call uses it.
 */
final class JdbcTransaction implements StoreTransaction<Connection> {

  /**
   * SQLState classes after which a failed COMMIT surely did not commit: the transaction was rolled
   * back (40: serialization failure, deadlock), a deferred constraint failed (23), or the
   * transaction had already failed (25). Any other failure, above all a lost connection (08), may
   * have come after the server committed.
   */
  private static final Set<String> NOT_COMMITTED = Set.of("40", "23", "25");

  private final Connection connection;
  private final boolean owned;
  private final JdbcStore store;
  private String key;
  private boolean ended;

  private JdbcTransaction(JdbcStore store, Connection connection, boolean owned) {
    this.store = store;
    this.connection = connection;
    this.owned = owned;
  }

  /** A new transaction on a connection of the store's data source. */
  static JdbcTransaction begin(JdbcStore store, Connection connection) throws SQLException {
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new JdbcTransaction(store, connection, true);
  }

  /** The caller's own transaction: only the completion goes through it. */
  static JdbcTransaction join(JdbcStore store, Connection connection) {
    return new JdbcTransaction(store, connection, false);
  }

  /** The key whose completion went through this transaction, for the errors of the commit. */
  void completing(String key) {
    this.key = key;
  }

  @Override
  public Connection handle() {
    return connection;
  }

  @Override
  public void commit() {
    if (!owned) {
      return;
    }
    try {
      connection.commit();
      ended = true;
    } catch (SQLException e) {
      rollback();
      if (surelyNotCommitted(e)) {
        throw new StoreException(
            store
                + " could not commit the transaction for key "
                + key
                + ": it was rolled back: "
                + e.getMessage()
                + " (SQLState "
                + e.getSQLState()
                + ")",
            key,
            e);
      }
      throw new CommitOutcomeUnknownException(key, e);
    }
  }

  /** True when the error says the transaction was rolled back, not that the answer was lost. */
  static boolean surelyNotCommitted(SQLException e) {
    if (e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTransientConnectionException) {
      return false;
    }
    String state = e.getSQLState();
    return state != null && state.length() >= 2 && NOT_COMMITTED.contains(state.substring(0, 2));
  }

  @Override
  public void rollback() {
    if (!owned || ended) {
      return;
    }
    ended = true;
    try {
      connection.rollback();
    } catch (SQLException abandoned) {
      // best effort: a lost connection rolls back on the server anyway
    }
  }

  @Override
  public void close() {
    if (!owned) {
      return;
    }
    rollback(); // a call that ended without committing (an Error from the work) leaves nothing
    try {
      connection.setAutoCommit(true);
    } catch (SQLException broken) {
      // the pool discards a broken connection
    }
    try {
      connection.close();
    } catch (SQLException broken) {
      // nothing more to give back
    }
  }
}
