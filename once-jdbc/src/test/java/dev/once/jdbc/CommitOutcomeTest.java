package dev.once.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.CommitOutcomeUnknownException;
import dev.once.Idempotency;
import dev.once.ResultType;
import dev.once.jdbc.testing.DatabaseExtension;
import dev.once.jdbc.testing.LocalDatabase;
import dev.once.jdbc.testing.MariaDbServer;
import dev.once.jdbc.testing.PostgresServer;
import dev.once.jdbc.testing.TestPool;
import dev.once.jdbc.testing.WireProxy;
import dev.once.jdbc.testing.WireProxy.CommitCut;
import dev.once.spi.RecordStatus;
import dev.once.spi.TimeSource;
import dev.once.testkit.FakeClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection lost during the COMMIT of a transactional call, cut by a proxy on the wire: before
 * the server sees the COMMIT (nothing committed) or after it committed and before its answer
 * arrives. Either way the caller gets a {@link CommitOutcomeUnknownException} and the key is not
 * released; the next duplicate sees either the completed record with its effect (replayed), or no
 * effect and the key held until its lease ends, then runs the work once.
 */
@ExtendWith(DatabaseExtension.class)
class CommitOutcomeTest {

  private static final ResultType<String> TEXT = ResultType.of(String.class);
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void postgresAnswerLostAfterTheCommit(PostgresServer postgres) throws Exception {
    answerLostAfterTheCommit(postgres, SqlDialect.POSTGRESQL);
  }

  @Test
  void postgresCommitNeverArrived(PostgresServer postgres) throws Exception {
    commitNeverArrived(postgres, SqlDialect.POSTGRESQL);
  }

  @Test
  void mariaDbAnswerLostAfterTheCommit(MariaDbServer mariadb) throws Exception {
    answerLostAfterTheCommit(mariadb, SqlDialect.MARIADB);
  }

  @Test
  void mariaDbCommitNeverArrived(MariaDbServer mariadb) throws Exception {
    commitNeverArrived(mariadb, SqlDialect.MARIADB);
  }

  private static void answerLostAfterTheCommit(LocalDatabase server, SqlDialect dialect)
      throws Exception {
    try (Fixture f = new Fixture(server, dialect)) {
      f.proxy.cutAtCommit(CommitCut.AFTER_SERVER);

      Throwable thrown = f.charge();

      assertThat(thrown).isInstanceOf(CommitOutcomeUnknownException.class);
      assertThat(((CommitOutcomeUnknownException) thrown).key()).isEqualTo(f.key());
      assertThat(((CommitOutcomeUnknownException) thrown).isRetryable()).isTrue();
      assertThat(f.charges()).isEqualTo(1);
      assertThat(f.store.find(f.key()).orElseThrow().status()).isEqualTo(RecordStatus.COMPLETED);
      assertThat(f.charge()).as("the duplicate replays").isNull();
      assertThat(f.runs).hasValue(1);
      assertThat(f.charges()).isEqualTo(1);
    }
  }

  private static void commitNeverArrived(LocalDatabase server, SqlDialect dialect)
      throws Exception {
    try (Fixture f = new Fixture(server, dialect)) {
      f.proxy.cutAtCommit(CommitCut.BEFORE_SERVER);

      assertThat(f.charge()).isInstanceOf(CommitOutcomeUnknownException.class);
      assertThat(f.charges()).isZero();
      assertThat(f.store.find(f.key()).orElseThrow().status())
          .as("not released: the caller cannot know the commit failed")
          .isEqualTo(RecordStatus.INPROGRESS);

      f.clock.advance(LEASE.plusSeconds(1));
      assertThat(f.charge()).isNull();
      assertThat(f.runs).hasValue(2);
      assertThat(f.charges()).isEqualTo(1);
    }
  }

  /** A store behind a proxy, on a fake clock, and one order to charge. */
  private static final class Fixture implements AutoCloseable {
    final WireProxy proxy;
    final TestPool pool;
    final JdbcStore store;
    final FakeClock clock = FakeClock.startingNow();
    final AtomicInteger runs = new AtomicInteger();
    final Idempotency once;
    final String order = "order-" + UUID.randomUUID();

    Fixture(LocalDatabase server, SqlDialect dialect) throws SQLException {
      proxy = WireProxy.start(server.port());
      pool = server.pool(proxy.port(), "commit_outcome", 4);
      store =
          JdbcStore.builder(pool)
              .tableName("outcome_records")
              .dialect(dialect)
              .timeSource(TimeSource.CALLER)
              .build();
      store.createTable();
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS outcome_ledger"
                + " (charge_id VARCHAR(64) NOT NULL PRIMARY KEY, order_id VARCHAR(255) NOT NULL)");
      }
      once =
          Idempotency.builder(store)
              .keyPrefix("outcome")
              .clock(clock)
              .sleeper(clock.sleeper())
              .maxRunTime(LEASE)
              .build();
    }

    String key() {
      return once.keyOf(order);
    }

    /** One delivery: null when it returned a receipt, else what it threw. */
    Throwable charge() {
      try {
        once.callInTransaction(
            order,
            TEXT,
            null,
            (Connection c) -> {
              runs.incrementAndGet();
              try (PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO outcome_ledger (charge_id, order_id) VALUES (?, ?)")) {
                insert.setString(1, "ch_" + UUID.randomUUID());
                insert.setString(2, order);
                insert.executeUpdate();
              }
              return "receipt";
            });
        return null;
      } catch (RuntimeException | SQLException e) {
        return e;
      }
    }

    int charges() throws SQLException {
      try (Connection c = pool.getConnection();
          PreparedStatement s =
              c.prepareStatement("SELECT COUNT(*) FROM outcome_ledger WHERE order_id = ?")) {
        s.setString(1, order);
        try (ResultSet row = s.executeQuery()) {
          row.next();
          return row.getInt(1);
        }
      }
    }

    @Override
    public void close() {
      pool.close();
      proxy.close();
    }
  }
}
