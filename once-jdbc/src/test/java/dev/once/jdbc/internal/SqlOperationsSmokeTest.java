package dev.once.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.jdbc.SqlDialect;
import dev.once.jdbc.testing.DatabaseExtension;
import dev.once.jdbc.testing.MariaDbServer;
import dev.once.jdbc.testing.PostgresServer;
import dev.once.jdbc.testing.TestPool;
import dev.once.spi.AcquireResult;
import dev.once.spi.RecordStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabaseExtension.class)
class SqlOperationsSmokeTest {

  @Test
  void postgres(PostgresServer postgres) throws Exception {
    try (TestPool pool = postgres.pool("smoke", 2)) {
      run(pool, SqlDialect.POSTGRESQL);
    }
  }

  @Test
  void mariaDb(MariaDbServer mariadb) throws Exception {
    try (TestPool pool = mariadb.pool("smoke", 2)) {
      run(pool, SqlDialect.MARIADB);
      run(pool, SqlDialect.MYSQL);
    }
  }

  @Test
  void h2() throws Exception {
    try (TestPool pool =
        new TestPool(() -> DriverManager.getConnection("jdbc:h2:mem:smoke;DB_CLOSE_DELAY=-1"), 2)) {
      run(pool, SqlDialect.H2);
    }
  }

  private static void run(TestPool pool, SqlDialect dialect) throws Exception {
    String table = "smoke_" + dialect.name().toLowerCase();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String ddl : dialect.ddl(table).replaceAll("--[^\n]*", "").split(";")) {
        if (!ddl.isBlank()) {
          s.execute(ddl);
        }
      }
      SqlOperations ops = new SqlOperations(dialect, table);
      String key = "k#" + UUID.randomUUID();
      assertThat(ops.acquire(c, new AcquireArgs(key, "l1", "v", null, 30_000, 3_600_000)))
          .isEqualTo(AcquireResult.acquired());
      AcquireResult again =
          ops.acquire(c, new AcquireArgs(key, "l2", "v", null, 30_000, 3_600_000));
      assertThat(again).isInstanceOf(AcquireResult.Existing.class);
      assertThat(((AcquireResult.Existing) again).record().lease()).isEqualTo("l1");
      long far = System.currentTimeMillis() + 10_000_000L;
      assertThat(ops.acquire(c, new AcquireArgs(key, "l3", "v", far, 30_000, 3_600_000)))
          .isEqualTo(AcquireResult.acquired());
      assertThat(
              ops.complete(c, key, "l1", RecordStatus.COMPLETED, new byte[] {1}, null, 3_600_000))
          .isFalse();
      assertThat(
              ops.complete(
                  c, key, "l3", RecordStatus.COMPLETED, new byte[] {1, 2}, null, 3_600_000))
          .isTrue();
      System.out.println(dialect + " " + ops.find(c, key));
      assertThat(ops.list(c, List.of(RecordStatus.COMPLETED), 10)).isNotEmpty();
      assertThat(ops.extend(c, key, "l3", null, 1000)).isFalse();
      assertThat(ops.release(c, key, "l1")).isEqualTo(SqlOperations.Deletion.HELD_BY_ANOTHER);
      assertThat(ops.purgeExpired(c, far + 100_000_000L, 10)).isGreaterThan(0);
      assertThat(ops.release(c, key, "l3")).isEqualTo(SqlOperations.Deletion.ABSENT);
    }
  }
}
