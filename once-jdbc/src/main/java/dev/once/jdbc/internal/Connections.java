package dev.once.jdbc.internal;

import dev.once.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Borrows a connection from the user's {@link DataSource} for one store operation and gives it
 * back. Each operation runs in auto-commit, so that what it writes is visible to every other
 * session at once: a connection handed out with auto-commit off is switched on for the operation
 * and restored after. Every {@link SQLException} becomes a {@link StoreException} naming the
 * operation and the key, cause kept. Thread-safe.
 */
public final class Connections {

  /** One operation on a borrowed connection. */
  @FunctionalInterface
  public interface Operation<R> {
    /**
     * Runs on the borrowed connection; must not close it.
     *
     * @param connection a connection in auto-commit
     * @return the operation's result
     * @throws SQLException when a statement fails; the caller translates it
     */
    R run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final String storeName;

  /**
   * Borrows connections from {@code dataSource}.
   *
   * @param dataSource the user's data source; never closed here
   * @param storeName how errors name the store, e.g. "JdbcStore (PostgreSQL, table once_records)"
   */
  public Connections(DataSource dataSource, String storeName) {
    this.dataSource = dataSource;
    this.storeName = storeName;
  }

  /**
   * Runs {@code operation} on a borrowed connection in auto-commit.
   *
   * @param <R> the operation's result type
   * @param what the operation, for messages ("acquire")
   * @param key the key, or {@code null}
   * @param operation the statements to run
   * @return what {@code operation} returned
   * @throws StoreException when the connection cannot be had or the statement fails
   */
  public <R> R run(String what, String key, Operation<R> operation) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        connection.setAutoCommit(true);
      }
      try {
        return operation.run(connection);
      } finally {
        if (!autoCommit) {
          connection.setAutoCommit(false);
        }
      }
    } catch (SQLException e) {
      throw failure(what, key, e);
    }
  }

  /**
   * A {@link StoreException} for {@code e}, naming the store, the operation and the key.
   *
   * @param what the operation, for the message
   * @param key the key, or {@code null}
   * @param e the driver's error, kept as the cause
   * @return the exception, for the caller to throw
   */
  public StoreException failure(String what, String key, SQLException e) {
    return new StoreException(
        storeName
            + " failed on "
            + what
            + (key == null ? "" : " for key " + key)
            + ": "
            + e.getMessage()
            + " (SQLState "
            + e.getSQLState()
            + ")",
        key,
        e);
  }

  /**
   * The user's data source.
   *
   * @return the data source given to the constructor
   */
  public DataSource dataSource() {
    return dataSource;
  }
}
