package dev.once.jdbc.internal;

import dev.once.jdbc.SqlDialect;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every statement the store sends, for one dialect and table, with named parameters. Times are
 * epoch milliseconds; {@code B}, the base time, is {@code :now} when the caller's clock judges and
 * the database's clock when {@code :now} is NULL. Immutable.
 */
public final class Statements {

  /** The record's columns, in the order {@link RecordRows} reads them. */
  public static final String COLUMNS =
      "idempotency_key, status, expires_at, in_progress_expires_at, validation, data, lease";

  private final SqlDialect dialect;
  private final String table;
  private final String base;

  final SqlTemplate postgresAcquire;
  final SqlTemplate mariaDbAcquire;
  final SqlTemplate insert;
  final SqlTemplate takeOver;
  final SqlTemplate merge;
  final SqlTemplate findLive;
  final SqlTemplate find;
  final SqlTemplate complete;
  final SqlTemplate holder;
  final SqlTemplate extend;
  final SqlTemplate release;
  final SqlTemplate purge;
  final SqlTemplate purgeExpired;

  /**
   * Writes every statement of one table in one dialect; touches no database.
   *
   * @param dialect the dialect to write in
   * @param table the records table's name, already checked
   */
  public Statements(SqlDialect dialect, String table) {
    this.dialect = dialect;
    this.table = table;
    this.base = "COALESCE(" + bigintParameter("now") + ", " + clock() + ")";
    this.postgresAcquire = SqlTemplate.of(postgresAcquireText());
    this.mariaDbAcquire = SqlTemplate.of(mariaDbAcquireText());
    this.insert =
        SqlTemplate.of(
            "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + newRecord(base) + ")");
    this.takeOver =
        SqlTemplate.of(
            "UPDATE "
                + table
                + " SET "
                + takeOverAssignments("")
                + " WHERE idempotency_key = :key AND ("
                + free("", base)
                + ")");
    this.merge = SqlTemplate.of(mergeText());
    this.findLive =
        SqlTemplate.of(
            "SELECT "
                + COLUMNS
                + ", CASE WHEN "
                + free("", base)
                + " THEN 0 ELSE 1 END AS live FROM "
                + table
                + " WHERE idempotency_key = :key");
    this.find =
        SqlTemplate.of("SELECT " + COLUMNS + " FROM " + table + " WHERE idempotency_key = :key");
    this.complete =
        SqlTemplate.of(
            "UPDATE "
                + table
                + " SET status = :status, data = :data, expires_at = "
                + upToSecond(base + " + :expiry_ms")
                + " WHERE idempotency_key = :key AND lease = :lease");
    this.holder =
        SqlTemplate.of("SELECT lease, status FROM " + table + " WHERE idempotency_key = :key");
    this.extend =
        SqlTemplate.of(
            "UPDATE "
                + table
                + " SET in_progress_expires_at = "
                + base
                + " + :lease_ms, expires_at = GREATEST(expires_at, "
                + upToSecond(base + " + :lease_ms + 1000")
                + ") WHERE idempotency_key = :key AND lease = :lease AND status = 'INPROGRESS'");
    this.release =
        SqlTemplate.of("DELETE FROM " + table + " WHERE idempotency_key = :key AND lease = :lease");
    this.purge = SqlTemplate.of("DELETE FROM " + table + " WHERE idempotency_key = :key");
    this.purgeExpired = SqlTemplate.of(purgeExpiredText());
  }

  /**
   * The dialect these statements are written in.
   *
   * @return the dialect given to the constructor
   */
  public SqlDialect dialect() {
    return dialect;
  }

  /** Up to {@code :limit} records with one of {@code statusCount} statuses ({@code :status0…}). */
  SqlTemplate list(int statusCount) {
    String where =
        statusCount == 0
            ? ""
            : " WHERE status IN ("
                + IntStream.range(0, statusCount)
                    .mapToObj(i -> ":status" + i)
                    .collect(Collectors.joining(", "))
                + ")";
    return SqlTemplate.of(
        "SELECT " + COLUMNS + " FROM " + table + where + " ORDER BY idempotency_key " + limit());
  }

  /** The database's clock, in epoch milliseconds, constant within one statement. */
  private String clock() {
    return switch (dialect) {
      case POSTGRESQL -> "CAST(FLOOR(EXTRACT(EPOCH FROM statement_timestamp()) * 1000) AS BIGINT)";
      case MYSQL, MARIADB ->
          "(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000)";
      case H2 ->
          "DATEDIFF(MILLISECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP)";
    };
  }

  private String bigintParameter(String name) {
    return dialect == SqlDialect.MYSQL || dialect == SqlDialect.MARIADB
        ? ":" + name
        : "CAST(:" + name + " AS BIGINT)";
  }

  /** {@code expression}, epoch milliseconds, rounded up to a whole second. */
  private String upToSecond(String expression) {
    String div = dialect == SqlDialect.MYSQL || dialect == SqlDialect.MARIADB ? " DIV " : " / ";
    return "(((" + expression + ") + 999)" + div + "1000) * 1000";
  }

  /**
   * True when the record (columns qualified by {@code alias}) no longer holds its key at {@code
   * now}.
   */
  private static String free(String alias, String now) {
    return alias
        + "expires_at <= "
        + now
        + " OR ("
        + alias
        + "status = 'INPROGRESS' AND "
        + alias
        + "in_progress_expires_at <= "
        + now
        + ")";
  }

  /** The new in-progress record's values, in {@link #COLUMNS} order, computed from {@code now}. */
  private String newRecord(String now) {
    return ":key, 'INPROGRESS', "
        + expiresAt(now)
        + ", "
        + now
        + " + :lease_ms, :validation, NULL, :lease";
  }

  /** max(B + expiry, lease end + 1 s), rounded up to the second. */
  private String expiresAt(String now) {
    return upToSecond("GREATEST(" + now + " + :expiry_ms, " + now + " + :lease_ms + 1000)");
  }

  private String takeOverAssignments(String alias) {
    return alias
        + "status = 'INPROGRESS', "
        + alias
        + "expires_at = "
        + expiresAt(base)
        + ", "
        + alias
        + "in_progress_expires_at = "
        + base
        + " + :lease_ms, "
        + alias
        + "validation = :validation, "
        + alias
        + "data = NULL, "
        + alias
        + "lease = :lease";
  }

  /**
   * One statement, one round trip on every path: the conditional upsert, and — only when it refused
   * — the record that holds the key, read by the same statement. The read sees the statement's
   * snapshot, so a record committed by another session just before can be missing or stale; the
   * {@code live} flag tells, and the caller then reads again.
   */
  private String postgresAcquireText() {
    return "WITH clock AS (SELECT "
        + base
        + " AS now_ms), written AS ("
        + " INSERT INTO "
        + table
        + " AS r ("
        + COLUMNS
        + ")"
        + " SELECT "
        + newRecord("c.now_ms")
        + " FROM clock c"
        + " ON CONFLICT (idempotency_key) DO UPDATE SET status = EXCLUDED.status, expires_at = EXCLUDED.expires_at,"
        + " in_progress_expires_at = EXCLUDED.in_progress_expires_at, validation = EXCLUDED.validation,"
        + " data = NULL, lease = EXCLUDED.lease"
        + " WHERE "
        + free("r.", "(SELECT now_ms FROM clock)")
        + " RETURNING 1)"
        + " SELECT 1 AS acquired, NULL AS idempotency_key, NULL AS status, CAST(NULL AS BIGINT) AS expires_at,"
        + " CAST(NULL AS BIGINT) AS in_progress_expires_at, NULL AS validation, CAST(NULL AS BYTEA) AS data,"
        + " NULL AS lease, 1 AS live FROM written"
        + " UNION ALL"
        + " SELECT 0, t.idempotency_key, t.status, t.expires_at, t.in_progress_expires_at, t.validation, t.data, t.lease,"
        + " CASE WHEN "
        + free("t.", "c.now_ms")
        + " THEN 0 ELSE 1 END"
        + " FROM "
        + table
        + " t, clock c WHERE t.idempotency_key = :key AND NOT EXISTS (SELECT 1 FROM written)";
  }

  /**
   * One statement, one round trip on every path: the upsert changes the row only when the key is
   * free, and RETURNING gives the row as the statement left it: the caller holds the key iff it
   * carries the caller's lease. The lease is assigned first; MariaDB evaluates assignments left to
   * right, so the others follow it.
   */
  private String mariaDbAcquireText() {
    String mine = "lease = VALUES(lease)";
    return "INSERT INTO "
        + table
        + " ("
        + COLUMNS
        + ") VALUES ("
        + newRecord(base)
        + ")"
        + " ON DUPLICATE KEY UPDATE lease = IF("
        + free("", base)
        + ", VALUES(lease), lease),"
        + " status = IF("
        + mine
        + ", VALUES(status), status),"
        + " expires_at = IF("
        + mine
        + ", VALUES(expires_at), expires_at),"
        + " in_progress_expires_at = IF("
        + mine
        + ", VALUES(in_progress_expires_at), in_progress_expires_at),"
        + " validation = IF("
        + mine
        + ", VALUES(validation), validation),"
        + " data = IF("
        + mine
        + ", NULL, data)"
        + " RETURNING "
        + COLUMNS;
  }

  private String mergeText() {
    return "MERGE INTO "
        + table
        + " t USING (VALUES (CAST(:key AS VARCHAR(512)))) s(k) ON t.idempotency_key = s.k"
        + " WHEN MATCHED AND ("
        + free("t.", base)
        + ") THEN UPDATE SET "
        + takeOverAssignments("")
        + " WHEN NOT MATCHED THEN INSERT ("
        + COLUMNS
        + ") VALUES ("
        + newRecord(base)
        + ")";
  }

  private String purgeExpiredText() {
    String expired = "expires_at <= " + base;
    return switch (dialect) {
      // SKIP LOCKED: rows a concurrent acquire is taking over are left to the next batch.
      case POSTGRESQL ->
          "DELETE FROM "
              + table
              + " WHERE "
              + expired
              + " AND idempotency_key IN (SELECT idempotency_key FROM "
              + table
              + " WHERE "
              + expired
              + " ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)";
      case MYSQL, MARIADB ->
          "DELETE FROM " + table + " WHERE " + expired + " ORDER BY expires_at LIMIT :limit";
      case H2 -> "DELETE FROM " + table + " WHERE " + expired + " FETCH FIRST :limit ROWS ONLY";
    };
  }

  private String limit() {
    return "LIMIT :limit";
  }
}
