package dev.once.jdbc.internal;

import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * The acquire of each dialect: one conditional write that takes the key when it is free, and the
 * live record when it is not. Each method returns {@code null} when the key changed hands between
 * two of its statements, and the caller tries again.
 */
final class Acquisition {

  private final Statements statements;

  Acquisition(Statements statements) {
    this.statements = statements;
  }

  AcquireResult attempt(Connection connection, AcquireArgs args) throws SQLException {
    return switch (statements.dialect()) {
      case POSTGRESQL -> postgres(connection, args);
      case MARIADB -> mariaDb(connection, args);
      case MYSQL -> mySql(connection, args);
      case H2 -> h2(connection, args);
    };
  }

  /** One statement; a second read only when its snapshot missed a concurrent commit. */
  private AcquireResult postgres(Connection connection, AcquireArgs args) throws SQLException {
    try (PreparedStatement statement =
            statements.postgresAcquire.prepare(connection, args.values());
        ResultSet row = statement.executeQuery()) {
      if (row.next()) {
        if (row.getInt("acquired") == 1) {
          return AcquireResult.acquired();
        }
        if (row.getInt("live") == 1) {
          return AcquireResult.existing(RecordRows.read(row));
        }
      }
    }
    return liveRecord(connection, args);
  }

  /** One statement on every path: RETURNING gives the row as the upsert left it. */
  private AcquireResult mariaDb(Connection connection, AcquireArgs args) throws SQLException {
    try (PreparedStatement statement =
            statements.mariaDbAcquire.prepare(connection, args.values());
        ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        return null;
      }
      IdempotencyRecord record = RecordRows.read(row);
      return args.lease().equals(record.lease())
          ? AcquireResult.acquired()
          : AcquireResult.existing(record);
    }
  }

  /** Reads first: a live record costs one statement, a free key two (read, then write). */
  private AcquireResult mySql(Connection connection, AcquireArgs args) throws SQLException {
    Map<String, Object> values = args.values();
    boolean found;
    try (PreparedStatement find = statements.findLive.prepare(connection, values);
        ResultSet row = find.executeQuery()) {
      found = row.next();
      if (found && row.getInt("live") == 1) {
        return AcquireResult.existing(RecordRows.read(row));
      }
    }
    SqlTemplate write = found ? statements.takeOver : statements.insert;
    return written(connection, write, values) ? AcquireResult.acquired() : null;
  }

  /** One MERGE when the key is free; a read after it when it refused. */
  private AcquireResult h2(Connection connection, AcquireArgs args) throws SQLException {
    if (written(connection, statements.merge, args.values())) {
      return AcquireResult.acquired();
    }
    return liveRecord(connection, args);
  }

  /** The live record, or {@code null} when the key is free again (try again). */
  private AcquireResult liveRecord(Connection connection, AcquireArgs args) throws SQLException {
    try (PreparedStatement find = statements.findLive.prepare(connection, args.values());
        ResultSet row = find.executeQuery()) {
      if (row.next() && row.getInt("live") == 1) {
        return AcquireResult.existing(RecordRows.read(row));
      }
      return null;
    }
  }

  /** True when the write changed a row; false when its condition refused or the key was taken. */
  private static boolean written(
      Connection connection, SqlTemplate write, Map<String, Object> values) throws SQLException {
    try (PreparedStatement statement = write.prepare(connection, values)) {
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      if (isDuplicateKey(e)) {
        return false; // another session inserted the key first
      }
      throw e;
    }
  }

  /** SQLState 23000 (MySQL, MariaDB) or 23505 (H2, PostgreSQL): a unique key violated. */
  static boolean isDuplicateKey(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.equals("23505") || state.equals("23000"));
  }
}
