package dev.once.jdbc;

import dev.once.jdbc.testing.MariaDbServer;
import dev.once.jdbc.testing.PostgresServer;
import dev.once.jdbc.testing.TestPool;
import dev.once.spi.TimeSource;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * One pool per dialect for the whole test run, each over one database, and a records table per test
 * class: the JVM's shared PostgreSQL and MariaDB servers, and H2 in memory.
 */
final class Databases {

  private static final Map<SqlDialect, TestPool> POOLS = new ConcurrentHashMap<>();

  private Databases() {}

  /** The shared pool of {@code dialect} (MYSQL runs on the MariaDB server). */
  static DataSource pool(SqlDialect dialect) {
    return POOLS.computeIfAbsent(dialect, Databases::open);
  }

  /** A store on the caller's clock over a table of its own, created. */
  static JdbcStore store(SqlDialect dialect, String table) {
    JdbcStore store =
        JdbcStore.builder(pool(dialect))
            .tableName(table)
            .dialect(dialect)
            .timeSource(TimeSource.CALLER)
            .build();
    store.createTable();
    return store;
  }

  private static TestPool open(SqlDialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> PostgresServer.shared().pool("once_test", 70);
      case MARIADB, MYSQL -> MariaDbServer.shared().pool("once_test", 70);
      case H2 ->
          new TestPool(
              () -> DriverManager.getConnection("jdbc:h2:mem:once_test;DB_CLOSE_DELAY=-1"), 70);
    };
  }
}
