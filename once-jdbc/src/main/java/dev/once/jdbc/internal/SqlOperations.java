package dev.once.jdbc.internal;

import dev.once.jdbc.SqlDialect;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's operations on a connection the caller provides and manages: each is one statement
 * (and a second only on the rare paths named below). Immutable and thread-safe; connections are
 * not.
 */
public final class SqlOperations {

  /** How a conditional delete ended. */
  public enum Deletion {
    /** The record carried the lease and was deleted. */
    DELETED,
    /** There was no record. */
    ABSENT,
    /** A record under another lease holds the key; it was left alone. */
    HELD_BY_ANOTHER
  }

  private final Statements statements;
  private final Acquisition acquisition;

  /**
   * Prepares the statements of one table; touches no database.
   *
   * @param dialect the dialect to write the statements in
   * @param table the records table's name, already checked
   */
  public SqlOperations(SqlDialect dialect, String table) {
    this.statements = new Statements(dialect, table);
    this.acquisition = new Acquisition(statements);
  }

  /**
   * The dialect the statements are written in.
   *
   * @return the dialect given to the constructor
   */
  public SqlDialect dialect() {
    return statements.dialect();
  }

  /**
   * One acquire attempt: {@code null} when the key changed hands between two statements (only on
   * the dialects that need two), and the caller should try again.
   *
   * @param connection a connection in auto-commit, or inside the caller's transaction
   * @param args the bind values of the acquisition
   * @return acquired, the live record that holds the key, or {@code null} to try again
   * @throws SQLException when a statement fails
   */
  public AcquireResult acquire(Connection connection, AcquireArgs args) throws SQLException {
    return acquisition.attempt(connection, args);
  }

  /**
   * Sets the final status, data and expiry iff the record carries {@code lease}.
   *
   * @param connection a connection in auto-commit, or inside the caller's transaction
   * @param key the full key
   * @param lease the fencing token the record must still carry
   * @param status the final state
   * @param data the encoded result
   * @param nowMillis the base time, or {@code null} for the database's clock
   * @param expiryMillis the expiry after the base time (rounded up to the second by the statement)
   * @return true when written
   * @throws SQLException when a statement fails
   */
  public boolean complete(
      Connection connection,
      String key,
      String lease,
      RecordStatus status,
      byte[] data,
      Long nowMillis,
      long expiryMillis)
      throws SQLException {
    Map<String, Object> values = keyAndLease(key, lease);
    values.put("status", status.name());
    values.put("data", data);
    values.put("now", nowMillis);
    values.put("expiry_ms", expiryMillis);
    return updated(connection, statements.complete, values)
        || holds(connection, key, lease, status);
  }

  /**
   * Moves the lease end of an in-progress record iff it carries {@code lease} (and its expiry, when
   * the lease would outlive it).
   *
   * @param connection a connection in auto-commit, or inside the caller's transaction
   * @param key the full key
   * @param lease the fencing token the record must still carry
   * @param nowMillis the base time in epoch milliseconds, or {@code null} for the database's clock
   * @param leaseMillis the new lease end after the base time, in milliseconds
   * @return true when written
   * @throws SQLException when a statement fails
   */
  public boolean extend(
      Connection connection, String key, String lease, Long nowMillis, long leaseMillis)
      throws SQLException {
    Map<String, Object> values = keyAndLease(key, lease);
    values.put("now", nowMillis);
    values.put("lease_ms", leaseMillis);
    return updated(connection, statements.extend, values)
        || holds(connection, key, lease, RecordStatus.INPROGRESS);
  }

  /**
   * Deletes the record iff it carries {@code lease}; a second read tells absent from held.
   *
   * @param connection a connection in auto-commit, or inside the caller's transaction
   * @param key the full key
   * @param lease the fencing token the record must still carry
   * @return what the delete did
   * @throws SQLException when a statement fails
   */
  public Deletion release(Connection connection, String key, String lease) throws SQLException {
    if (updated(connection, statements.release, keyAndLease(key, lease))) {
      return Deletion.DELETED;
    }
    return find(connection, key).isPresent() ? Deletion.HELD_BY_ANOTHER : Deletion.ABSENT;
  }

  /**
   * The record of {@code key}, live or not.
   *
   * @param connection a connection in auto-commit, or inside the caller's transaction
   * @param key the full key
   * @return the record, or empty when there is no row
   * @throws SQLException when a statement fails
   */
  public Optional<IdempotencyRecord> find(Connection connection, String key) throws SQLException {
    try (PreparedStatement statement = statements.find.prepare(connection, Map.of("key", key));
        ResultSet row = statement.executeQuery()) {
      return row.next() ? Optional.of(RecordRows.read(row)) : Optional.empty();
    }
  }

  /**
   * Deletes the record of {@code key} whatever it holds.
   *
   * @param connection a connection in auto-commit, or inside the caller's transaction
   * @param key the full key
   * @return true when there was a record
   * @throws SQLException when a statement fails
   */
  public boolean purge(Connection connection, String key) throws SQLException {
    return updated(connection, statements.purge, Map.of("key", key));
  }

  /**
   * Up to {@code limit} records with one of {@code statuses} (all when empty), by key.
   *
   * @param connection a connection in auto-commit, or inside the caller's transaction
   * @param statuses the statuses to keep; empty for all
   * @param limit the most rows returned; positive
   * @return the records in key order
   * @throws SQLException when a statement fails
   */
  public List<IdempotencyRecord> list(Connection connection, List<RecordStatus> statuses, int limit)
      throws SQLException {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < statuses.size(); i++) {
      values.put("status" + i, statuses.get(i).name());
    }
    values.put("limit", limit);
    List<IdempotencyRecord> records = new ArrayList<>();
    try (PreparedStatement statement =
            statements.list(statuses.size()).prepare(connection, values);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        records.add(RecordRows.read(rows));
      }
    }
    return records;
  }

  /**
   * Deletes up to {@code limit} records expired at the base time.
   *
   * @param connection a connection in auto-commit, or inside the caller's transaction
   * @param nowMillis the base time in epoch milliseconds, or {@code null} for the database's clock
   * @param limit the most rows deleted; positive
   * @return how many were deleted
   * @throws SQLException when a statement fails
   */
  public int purgeExpired(Connection connection, Long nowMillis, int limit) throws SQLException {
    Map<String, Object> values = new HashMap<>();
    values.put("now", nowMillis);
    values.put("limit", limit);
    try (PreparedStatement statement = statements.purgeExpired.prepare(connection, values)) {
      return statement.executeUpdate();
    }
  }

  /**
   * True when the record carries {@code lease} in {@code status}: a conditional update that matched
   * but changed nothing reports 0 rows on MySQL and MariaDB when the driver counts affected rather
   * than found rows, and this read tells it apart from a lost lease. Read only after an update that
   * reported nothing.
   */
  private boolean holds(Connection connection, String key, String lease, RecordStatus status)
      throws SQLException {
    if (statements.dialect() != SqlDialect.MYSQL && statements.dialect() != SqlDialect.MARIADB) {
      return false;
    }
    try (PreparedStatement statement = statements.holder.prepare(connection, Map.of("key", key));
        ResultSet row = statement.executeQuery()) {
      return row.next()
          && lease.equals(row.getString("lease"))
          && status.name().equals(row.getString("status"));
    }
  }

  private static boolean updated(
      Connection connection, SqlTemplate template, Map<String, Object> values) throws SQLException {
    try (PreparedStatement statement = template.prepare(connection, values)) {
      return statement.executeUpdate() > 0;
    }
  }

  private static Map<String, Object> keyAndLease(String key, String lease) {
    Map<String, Object> values = new HashMap<>();
    values.put("key", key);
    values.put("lease", lease);
    return values;
  }
}
