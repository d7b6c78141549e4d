package dev.once.jdbc;

import dev.once.CorruptRecordException;
import dev.once.StoreException;
import dev.once.jdbc.internal.AcquireArgs;
import dev.once.jdbc.internal.Connections;
import dev.once.jdbc.internal.CorruptRowException;
import dev.once.jdbc.internal.SqlOperations;
import dev.once.jdbc.internal.StoreTimes;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.Require;
import dev.once.spi.StoreTransaction;
import dev.once.spi.TimeSource;
import dev.once.spi.TransactionalStore;
import dev.once.spi.WriteOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The SQL idempotency store, on plain JDBC over a {@link DataSource} you provide: PostgreSQL,
 * MySQL/MariaDB and H2 (see {@link SqlDialect}).
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder(dataSource).build(); // table once_records
 * store.createTable(); // or run the DDL of the module README
 * Idempotency once = Idempotency.builder(store).keyPath("orderId").build();
 * }</pre>
 *
 * <p>Each operation borrows a connection, runs one statement in auto-commit (two on the rare paths
 * the module README lists) and gives the connection back. By default the database's clock judges
 * expiry ({@link TimeSource#STORE}), so instances with skewed clocks agree; {@link
 * Builder#timeSource(TimeSource)} switches to the caller's clock, for tests on a fake clock.
 *
 * <p>It is a {@link TransactionalStore} of {@link Connection}s: {@code
 * Idempotency.callInTransaction} runs the work inside a transaction on a connection of the data
 * source (or on the caller's own), writes the completed record through it, and commits both
 * together.
 *
 * <p>Every {@link SQLException} becomes a {@link StoreException} that keeps it as the cause; a row
 * that cannot be read as a record, a {@link CorruptRecordException}. Thread-safe. The store does
 * not own the data source: close your pool yourself.
 */
public final class JdbcStore implements TransactionalStore<Connection> {

  /** Acquire attempts when the key changes hands between two statements of one attempt. */
  static final int ACQUIRE_ATTEMPTS = 5;

  private final JdbcStoreConfig config;
  private final Connections connections;
  private final String tableName;
  private final SqlDialect configuredDialect;
  private final TimeSource timeSource;
  private final StoreTimes times;
  private final Map<Connection, JdbcTransaction> transactions = new ConcurrentHashMap<>();
  private volatile SqlOperations operations;

  private JdbcStore(JdbcStoreConfig config) {
    JdbcSettings settings = config.settings();
    this.config = config;
    this.tableName = settings.tableName;
    this.configuredDialect = settings.dialect;
    this.timeSource = settings.timeSource;
    this.times = new StoreTimes(timeSource == TimeSource.STORE);
    this.connections = new Connections(settings.dataSource, toString());
  }

  /**
   * A builder over {@code dataSource}; every other setting has a default.
   *
   * @param dataSource where connections are borrowed: a pool, or RDS Proxy in Lambda
   * @return a new builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(new JdbcSettings(Objects.requireNonNull(dataSource, "dataSource")));
  }

  /**
   * A builder holding {@code config}'s settings, to derive a variant (another table, say).
   *
   * @param config the settings to start from
   * @return a new builder
   */
  public static Builder builder(JdbcStoreConfig config) {
    return new Builder(config.settings());
  }

  /**
   * This store's settings.
   *
   * @return the config it was built with
   */
  public JdbcStoreConfig config() {
    return config;
  }

  /**
   * A builder holding this store's settings, to derive a variant: {@code builder(config())}.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return builder(config);
  }

  @Override
  public AcquireResult acquire(AcquireRequest request) {
    SqlOperations ops = operations();
    AcquireArgs args = times.acquire(request);
    for (int attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      AcquireResult result = run("acquire", args.key(), c -> ops.acquire(c, args));
      if (result != null) {
        return result;
      }
    }
    throw new StoreException(
        this
            + " could not settle acquire for key "
            + args.key()
            + " in "
            + ACQUIRE_ATTEMPTS
            + " attempts: the key changed hands between statements each time",
        args.key(),
        null);
  }

  @Override
  public WriteOutcome complete(Completion completion) {
    SqlOperations ops = operations();
    return run("complete", completion.key(), c -> complete(ops, c, completion));
  }

  @Override
  public WriteOutcome complete(Connection transaction, Completion completion) {
    Objects.requireNonNull(transaction, "transaction");
    SqlOperations ops = operations();
    JdbcTransaction mine = transactions.get(transaction);
    if (mine != null) {
      mine.completing(completion.key());
    }
    try {
      return complete(ops, transaction, completion);
    } catch (SQLException e) {
      throw connections.failure("complete in a transaction", completion.key(), e);
    } catch (CorruptRowException e) {
      throw corrupt(e);
    }
  }

  private WriteOutcome complete(SqlOperations ops, Connection connection, Completion completion)
      throws SQLException {
    boolean written =
        ops.complete(
            connection,
            completion.key(),
            completion.lease(),
            completion.status(),
            completion.data(),
            times.base(completion.now()),
            times.expiryMillis(completion));
    return written ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
  }

  @Override
  public WriteOutcome extend(LeaseExtension extension) {
    SqlOperations ops = operations();
    boolean written =
        run(
            "extend",
            extension.key(),
            c ->
                ops.extend(
                    c,
                    extension.key(),
                    extension.lease(),
                    times.base(extension.now()),
                    times.leaseMillis(extension)));
    return written ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
  }

  @Override
  public ReleaseOutcome release(String key, String lease) {
    SqlOperations ops = operations();
    return switch (run("release", key, c -> ops.release(c, key, lease))) {
      case DELETED -> ReleaseOutcome.RELEASED;
      case ABSENT -> ReleaseOutcome.ABSENT;
      case HELD_BY_ANOTHER -> ReleaseOutcome.LEASE_LOST;
    };
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    SqlOperations ops = operations();
    return run("find", key, c -> ops.find(c, key));
  }

  @Override
  public boolean purge(String key) {
    SqlOperations ops = operations();
    return run("purge", key, c -> ops.purge(c, key));
  }

  @Override
  public List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit) {
    requireLimit(limit);
    if (statuses.isEmpty() || limit == 0) {
      return List.of();
    }
    List<RecordStatus> filter =
        statuses.containsAll(EnumSet.allOf(RecordStatus.class)) ? List.of() : List.copyOf(statuses);
    SqlOperations ops = operations();
    return run("list", null, c -> ops.list(c, filter, limit));
  }

  /**
   * Deletes up to {@code limit} expired records, oldest expiry first, in one statement that the
   * expiry index keeps cheap. Call it repeatedly (a scheduled job, {@code once records
   * purge-expired}) until it returns less than {@code limit}.
   *
   * @param now the base time on {@link TimeSource#CALLER}; ignored on {@link TimeSource#STORE}
   * @return how many records were deleted
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  @Override
  public OptionalInt purgeExpired(Instant now, int limit) {
    requireLimit(limit);
    if (limit == 0) {
      return OptionalInt.of(0);
    }
    Objects.requireNonNull(now, "now");
    SqlOperations ops = operations();
    return OptionalInt.of(
        run("purgeExpired", null, c -> ops.purgeExpired(c, times.base(now), limit)));
  }

  @Override
  public TimeSource timeSource() {
    return timeSource;
  }

  @Override
  public Class<Connection> transactionType() {
    return Connection.class;
  }

  /**
   * A connection of the data source, out of auto-commit until the transaction closes.
   *
   * @throws StoreException when no connection can be had
   */
  @Override
  public StoreTransaction<Connection> begin() {
    try {
      return track(JdbcTransaction.begin(this, connections.dataSource().getConnection()));
    } catch (SQLException e) {
      throw connections.failure("begin a transaction", null, e);
    }
  }

  @Override
  public StoreTransaction<Connection> join(Connection transaction) {
    return track(JdbcTransaction.join(this, Objects.requireNonNull(transaction, "transaction")));
  }

  private StoreTransaction<Connection> track(JdbcTransaction transaction) {
    transactions.put(transaction.handle(), transaction);
    return new StoreTransaction<>() {
      @Override
      public Connection handle() {
        return transaction.handle();
      }

      @Override
      public void commit() {
        transaction.commit();
      }

      @Override
      public void rollback() {
        transaction.rollback();
      }

      @Override
      public void close() {
        transactions.remove(transaction.handle(), transaction);
        transaction.close();
      }
    };
  }

  /**
   * Creates the records table and its expiry index unless they exist (the DDL of {@link
   * SqlDialect#ddl(String)}).
   *
   * @throws StoreException when the database refuses
   */
  public void createTable() {
    SqlDialect dialect = dialect();
    run(
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

  /**
   * The dialect: as configured, or detected from the database on first use.
   *
   * @return the dialect the store's SQL is written in
   * @throws dev.once.StoreException when it must be detected and the database cannot be reached
   */
  public SqlDialect dialect() {
    return operations().dialect();
  }

  /**
   * The data source the store borrows its connections from.
   *
   * @return the user's data source, as configured; the store never closes it
   */
  public DataSource dataSource() {
    return connections.dataSource();
  }

  /**
   * The records table.
   *
   * @return the table's name, schema-qualified if configured so
   */
  public String tableName() {
    return tableName;
  }

  /** "JdbcStore(table, clock)", for messages. */
  @Override
  public String toString() {
    return "JdbcStore(" + tableName + ", " + timeSource + " clock)";
  }

  private <R> R run(String what, String key, Connections.Operation<R> operation) {
    try {
      return connections.run(what, key, operation);
    } catch (CorruptRowException e) {
      throw corrupt(e);
    }
  }

  private static CorruptRecordException corrupt(CorruptRowException e) {
    return new CorruptRecordException(e.key(), e.column(), e.getMessage(), null);
  }

  private static void requireLimit(int limit) {
    Require.notNegative("limit", limit);
  }

  private SqlOperations operations() {
    SqlOperations ops = operations;
    if (ops == null) {
      synchronized (this) {
        if (operations == null) {
          SqlDialect dialect =
              configuredDialect != null
                  ? configuredDialect
                  : connections.run(
                      "detect the dialect", null, c -> SqlDialect.detect(c.getMetaData()));
          operations = new SqlOperations(dialect, tableName);
        }
        ops = operations;
      }
    }
    return ops;
  }

  /**
   * Builds a {@link JdbcStore}. Setters check their value at once and name it; each setting is
   * documented on the {@link JdbcStoreConfig} getter of the same name. {@link #build()} has no side
   * effects (the dialect, unless set, is detected on first use). Not thread-safe.
   */
  public static final class Builder {
    private final JdbcSettings settings;

    private Builder(JdbcSettings settings) {
      this.settings = settings;
    }

    /**
     * Where connections are borrowed; see {@link JdbcStoreConfig#dataSource()}.
     *
     * @param dataSource a pool, or RDS Proxy in Lambda; the store does not close it
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      settings.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * The records table, optionally schema-qualified; see {@link JdbcStoreConfig#tableName()}.
     *
     * @param tableName letters, digits and underscores, with one optional {@code schema.} before
     * @return this builder
     * @throws IllegalArgumentException naming it unless letters, digits and underscores
     */
    public Builder tableName(String tableName) {
      settings.tableName = SqlDialect.requireTableName(tableName);
      return this;
    }

    /**
     * The dialect, instead of detecting it from the connection's metadata on first use; see {@link
     * JdbcStoreConfig#dialect()}.
     *
     * @param dialect the database's dialect
     * @return this builder
     */
    public Builder dialect(SqlDialect dialect) {
      settings.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Whose clock judges expiry and counts the times written: {@link TimeSource#STORE}, the
     * database's clock in each statement; or {@link TimeSource#CALLER}, the {@code now} of each
     * request, for tests that drive time with a fake clock. See {@link
     * JdbcStoreConfig#timeSource()}.
     *
     * @param timeSource the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource timeSource) {
      settings.timeSource = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    /**
     * The store; nothing is sent to the database yet, and the builder can go on to build variants.
     *
     * @return a new store, with its own copy of the settings
     */
    public JdbcStore build() {
      return new JdbcStore(new JdbcStoreConfig(settings.copy()));
    }
  }
}
