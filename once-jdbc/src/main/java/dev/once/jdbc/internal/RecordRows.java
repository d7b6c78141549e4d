package dev.once.jdbc.internal;

import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Reads records from result sets whose first columns are {@link Statements#COLUMNS}. */
final class RecordRows {

  private RecordRows() {}

  /**
   * The record on the current row.
   *
   * @throws CorruptRowException when a column holds what no record can (an unknown status, a
   *     missing expiry)
   */
  static IdempotencyRecord read(ResultSet row) throws SQLException {
    String key = row.getString("idempotency_key");
    RecordStatus status = status(key, row.getString("status"));
    long expiresAt = row.getLong("expires_at");
    if (row.wasNull()) {
      throw new CorruptRowException(key, "expires_at", "NULL");
    }
    long inProgressExpiresAt = row.getLong("in_progress_expires_at");
    boolean noLeaseEnd = row.wasNull();
    return new IdempotencyRecord(
        key,
        status,
        Instant.ofEpochMilli(expiresAt),
        noLeaseEnd ? null : Instant.ofEpochMilli(inProgressExpiresAt),
        row.getString("validation"),
        row.getBytes("data"),
        row.getString("lease"));
  }

  private static RecordStatus status(String key, String value) {
    if (value != null) {
      for (RecordStatus status : RecordStatus.values()) {
        if (status.name().equals(value)) {
          return status;
        }
      }
    }
    throw new CorruptRowException(key, "status", value);
  }
}
