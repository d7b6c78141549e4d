package dev.once.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.ResultType;
import dev.once.jdbc.testing.DatabaseExtension;
import dev.once.jdbc.testing.LocalDatabase;
import dev.once.jdbc.testing.MariaDbServer;
import dev.once.jdbc.testing.PostgresServer;
import dev.once.jdbc.testing.StatementCounter;
import dev.once.jdbc.testing.TestPool;
import dev.once.jdbc.testing.WireProxy;
import dev.once.spi.AcquireRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Round trips per path, counted on the wire (a proxy between driver and server counts each
 * request/response exchange) and as statements sent through JDBC; H2 in memory has no wire, so only
 * its statements are counted. Each path is measured after a warm-up call, so connection set-up is
 * not counted. The table printed here is the one in the module README.
 */
@ExtendWith(DatabaseExtension.class)
class RoundTripTest {

  private static final ResultType<String> TEXT = ResultType.of(String.class);

  /**
   * Round trips of one dialect: first call, duplicate, in progress, and a transactional first call
   * whose work sends nothing (so only Once's own statements count).
   */
  private record Expected(int firstCall, int duplicate, int inProgress, int transactional) {}

  @Test
  void postgresql(PostgresServer postgres) {
    // transactional: acquire, complete (BEGIN rides along), COMMIT
    onTheWire(postgres, SqlDialect.POSTGRESQL, new Expected(2, 1, 1, 3));
  }

  @Test
  void mariaDb(MariaDbServer mariadb) {
    // transactional: acquire, autocommit off, complete, COMMIT, autocommit on
    onTheWire(mariadb, SqlDialect.MARIADB, new Expected(2, 1, 1, 5));
  }

  @Test
  void mySqlStatementsOnMariaDb(MariaDbServer mariadb) {
    onTheWire(mariadb, SqlDialect.MYSQL, new Expected(3, 1, 1, 6));
  }

  @Test
  void h2() throws Exception {
    StatementCounter statements = new StatementCounter();
    try (TestPool pool =
        new TestPool(
            () -> DriverManager.getConnection("jdbc:h2:mem:round_trips;DB_CLOSE_DELAY=-1"), 1)) {
      measure(
          SqlDialect.H2,
          statements.wrap(pool),
          statements::count,
          "statements",
          new Expected(2, 2, 2, 3));
    }
  }

  private static void onTheWire(LocalDatabase server, SqlDialect dialect, Expected expected) {
    try (WireProxy proxy = WireProxy.start(server.port());
        TestPool pool = server.pool(proxy.port(), "once_test", 1)) {
      measure(dialect, pool, proxy::roundTrips, "round trips", expected);
    }
  }

  private static void measure(
      SqlDialect dialect,
      DataSource dataSource,
      IntSupplier counter,
      String unit,
      Expected expected) {
    JdbcStore store =
        JdbcStore.builder(dataSource).tableName("round_trip_records").dialect(dialect).build();
    store.createTable();
    Idempotency once = Idempotency.builder(store).keyPrefix("rt-" + UUID.randomUUID()).build();
    once.call("warm-up", String.class, () -> "r"); // connection and statement set-up

    int before = counter.getAsInt();
    once.call("first", String.class, () -> "r");
    int firstCall = counter.getAsInt() - before;

    before = counter.getAsInt();
    once.call("first", String.class, () -> "r");
    int duplicate = counter.getAsInt() - before;

    String key = once.keyOf("busy");
    store.acquire(
        new AcquireRequest(
            key, "other-holder", null, Instant.now(), Duration.ofMinutes(5), Duration.ofHours(1)));
    before = counter.getAsInt();
    assertThatThrownBy(() -> once.call("busy", String.class, () -> "r"))
        .isInstanceOf(InProgressException.class);
    int inProgress = counter.getAsInt() - before;

    before = counter.getAsInt();
    once.callInTransaction("transactional", TEXT, null, (Connection c) -> "r");
    int transactional = counter.getAsInt() - before;

    System.out.printf(
        Locale.ROOT,
        "%-10s %-11s first call %d, duplicate %d, in progress %d, transactional first call %d%n",
        dialect,
        unit,
        firstCall,
        duplicate,
        inProgress,
        transactional);
    assertThat(new Expected(firstCall, duplicate, inProgress, transactional)).isEqualTo(expected);
  }
}
