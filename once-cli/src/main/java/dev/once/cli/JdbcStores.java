package dev.once.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.once.jdbc.JdbcStore;
import dev.once.spi.IdempotencyStore;

/** Opens the SQL store that {@code --store jdbc --url URL} names, over a HikariCP pool. */
final class JdbcStores {

  /** The records table when {@code --table} is not given. */
  static final String DEFAULT_TABLE = "once_records";

  private JdbcStores() {}

  /**
   * A pool for {@code --url} (credentials in the URL, as every driver here accepts them) and the
   * store over it; creates the table first with {@code --create-table}.
   */
  static StoreFactory.OpenStore open(StoreOptions options) {
    HikariDataSource pool = pool(options.url);
    try {
      JdbcStore store =
          JdbcStore.builder(pool)
              .tableName(options.table == null ? DEFAULT_TABLE : options.table)
              .build();
      if (options.createTable) {
        store.createTable();
      }
      return new StoreFactory.OpenStore(store, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The payment workload charging a ledger table in the database of {@code store}. */
  static Workload transactionalPayment(IdempotencyStore store, int orders, String runId) {
    if (!(store instanceof JdbcStore jdbc)) {
      throw new IllegalStateException("--transactional needs the jdbc store, not " + store);
    }
    return new TransactionalPaymentWorkload(orders, runId, jdbc.dataSource());
  }

  /** A pool for {@code url}: as many connections as the simulator has instances, and a few more. */
  static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(40);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1); // a bad URL fails the first use, as a store error
    config.setPoolName("once-cli");
    return new HikariDataSource(config);
  }
}
