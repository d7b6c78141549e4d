package dev.once.jdbc;

import dev.once.StoreException;
import dev.once.jdbc.internal.AcquireArgs;
import dev.once.jdbc.internal.Connections;
import dev.once.jdbc.internal.SqlOperations;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The SQL idempotency store, on plain JDBC over a {@link DataSource} you provide: PostgreSQL,
 * MySQL/MariaDB and H2 (see {@link SqlDialect}).
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder(dataSource).tableName("once_records").build();
 * store.createTable(); // or run the DDL of the module README
 * }</pre>
 *
 * <p>Each operation borrows a connection, runs one statement in auto-commit (two on the rare paths
 * the module README lists) and gives the connection back. Every {@link SQLException} becomes a
 * {@link StoreException} that keeps it as the cause.
 *
 * <p>Thread-safe. The store does not own the data source: close your pool yourself.
 */
public final class JdbcStore implements IdempotencyStore {

  /** Acquire attempts when the key changes hands between two statements of one attempt. */
  static final int ACQUIRE_ATTEMPTS = 5;

  private final Connections connections;
  private final String tableName;
  private final SqlDialect configuredDialect;
  private volatile SqlOperations operations;

  private JdbcStore(Builder builder) {
    this.tableName = builder.tableName;
    this.configuredDialect = builder.dialect;
    this.connections = new Connections(builder.dataSource, "JdbcStore(" + tableName + ")");
  }

  /** A builder over {@code dataSource}; every other setting has a default. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  @Override
  public AcquireResult acquire(IdempotencyRecord record, Instant now) {
    long nowMillis = now.toEpochMilli();
    AcquireArgs args =
        new AcquireArgs(
            record.key(),
            record.lease(),
            record.validation(),
            nowMillis,
            record.inProgressExpiresAt().toEpochMilli() - nowMillis,
            record.expiresAt().toEpochMilli() - nowMillis);
    return acquire(args);
  }

  private AcquireResult acquire(AcquireArgs args) {
    SqlOperations ops = operations();
    for (int attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      AcquireResult result = connections.run("acquire", args.key(), c -> ops.acquire(c, args));
      if (result != null) {
        return result;
      }
    }
    throw new StoreException(
        "JdbcStore("
            + tableName
            + ") could not settle acquire for key "
            + args.key()
            + " in "
            + ACQUIRE_ATTEMPTS
            + " attempts: the key changed hands between statements each time",
        args.key(),
        null);
  }

  @Override
  public WriteOutcome complete(
      String key, String lease, RecordStatus status, byte[] data, Instant expiresAt) {
    Objects.requireNonNull(data, "data");
    SqlOperations ops = operations();
    boolean written =
        connections.run(
            "complete",
            key,
            c -> ops.complete(c, key, lease, status, data, 0L, expiresAt.toEpochMilli()));
    return written ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
  }

  @Override
  public WriteOutcome release(String key, String lease) {
    SqlOperations ops = operations();
    SqlOperations.Deletion deletion =
        connections.run("release", key, c -> ops.release(c, key, lease));
    return deletion == SqlOperations.Deletion.DELETED
        ? WriteOutcome.WRITTEN
        : WriteOutcome.LEASE_LOST;
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    SqlOperations ops = operations();
    return connections.run("find", key, c -> ops.find(c, key));
  }

  @Override
  public boolean purge(String key) {
    SqlOperations ops = operations();
    return connections.run("purge", key, c -> ops.purge(c, key));
  }

  @Override
  public List<IdempotencyRecord> list(Optional<RecordStatus> status, int limit) {
    SqlOperations ops = operations();
    return connections.run(
        "list", null, c -> ops.list(c, status.map(List::of).orElse(List.of()), limit));
  }

  /**
   * Creates the records table and its expiry index unless they exist (the DDL of {@link
   * SqlDialect#ddl(String)}).
   *
   * @throws StoreException when the database refuses
   */
  public void createTable() {
    SqlDialect dialect = dialect();
    connections.run(
        "createTable",
        null,
        c -> {
          try (Statement statement = c.createStatement()) {
            for (String ddl : dialect.ddlStatements(tableName)) {
              statement.execute(ddl);
            }
          }
          return null;
        });
  }

  /** The dialect: as configured, or detected from the database on first use. */
  public SqlDialect dialect() {
    return operations().dialect();
  }

  /** The records table. */
  public String tableName() {
    return tableName;
  }

  private SqlOperations operations() {
    SqlOperations ops = operations;
    if (ops == null) {
      synchronized (this) {
        if (operations == null) {
          SqlDialect dialect =
              configuredDialect != null
                  ? configuredDialect
                  : connections.run("detect the dialect", null, JdbcStore::detect);
          operations = new SqlOperations(dialect, tableName);
        }
        ops = operations;
      }
    }
    return ops;
  }

  private static SqlDialect detect(Connection connection) throws SQLException {
    return SqlDialect.detect(connection.getMetaData());
  }

  /**
   * Builds a {@link JdbcStore}. Setters validate at once and name the bad value; {@link #build()}
   * has no side effects (the dialect, unless set, is detected on first use). Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String tableName = "once_records";
    private SqlDialect dialect;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The records table, optionally schema-qualified. Default {@code once_records}.
     *
     * @throws IllegalArgumentException unless letters, digits and underscores
     */
    public Builder tableName(String tableName) {
      this.tableName = SqlDialect.requireTableName(tableName);
      return this;
    }

    /** The dialect, instead of detecting it from the connection's metadata on first use. */
    public Builder dialect(SqlDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /** The store; nothing is sent to the database yet. */
    public JdbcStore build() {
      return new JdbcStore(this);
    }
  }
}
