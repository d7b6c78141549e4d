package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.once.InMemoryStore;
import dev.once.jdbc.JdbcStore;
import dev.once.jdbc.testing.DatabaseExtension;
import dev.once.jdbc.testing.MariaDbServer;
import dev.once.jdbc.testing.PostgresServer;
import dev.once.jdbc.testing.TestPool;
import dev.once.spi.AcquireRequest;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.TimeSource;
import dev.once.testkit.ForwardingStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scenario on SQL stores (real PostgreSQL and MariaDB servers on free ports, started by the
 * test), then the records tools on them.
 */
@ExtendWith(DatabaseExtension.class)
class JdbcRunTest {

  private final Cli cli = Cli.withRealStores();

  @Test
  void simulateOnPostgresGivesExactlyOnceAndLeavesRecordsToInspect(PostgresServer postgres)
      throws IOException {
    String url =
        postgres.jdbcUrl(postgres.createDatabase("once_cli")) + "?user=" + PostgresServer.USER;
    String[] store = {"--store=jdbc", "--url=" + url, "--table=" + table()};

    JsonNode report = simulate(store);
    assertThat(report.get("storeCallsPerDelivery").asDouble()).isBetween(1.0, 2.5);

    Cli.Result list =
        cli.run(
            "records", "list", "--status=COMPLETED", "--limit=500", store[0], store[1], store[2]);
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("120 record(s)").doesNotContain("INPROGRESS");
    String key = list.out().lines().skip(1).findFirst().orElseThrow().replaceAll(".* ", "");

    Cli.Result get = cli.run("records", "get", key, "--show-data", store[0], store[1], store[2]);
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out()).contains("status             COMPLETED").contains("chargeId");

    assertThat(cli.run("records", "purge", key, store[0], store[1], store[2]).code()).isZero();
    assertThat(cli.run("records", "get", key, store[0], store[1], store[2]).code()).isEqualTo(1);
  }

  @Test
  void simulateOnMariaDbGivesExactlyOnce(MariaDbServer mariadb) throws IOException {
    String url =
        mariadb.jdbcUrl(mariadb.createDatabase("once_cli")) + "?user=" + MariaDbServer.USER;

    simulate("--store=jdbc", "--url=" + url, "--table=" + table());
  }

  @Test
  void anUnreachableDatabaseIsReportedAndNothingRuns() {
    Cli.Result result =
        cli.run(
            "records", "list", "--store=jdbc", "--url=jdbc:postgresql://127.0.0.1:9/none?user=x");

    assertThat(result.code()).isEqualTo(Once.CANNOT_RUN);
    assertThat(result.err()).startsWith("once records list: ");
  }

  @Test
  void transactionalSimulateLeavesNoChargeBeyondOnePerOrderDespiteCrashes(PostgresServer postgres) {
    String url =
        postgres.jdbcUrl(postgres.createDatabase("once_cli")) + "?user=" + PostgresServer.USER;
    List<String> args =
        new ArrayList<>(
            List.of(
                "simulate",
                "--orders=150",
                "--duplicate-rate=0.3",
                "--concurrent-duplicates=20",
                "--failure-rate=0.03",
                "--timeout-rate=0.02",
                "--crash-rate=0.1",
                "--rate=unlimited",
                "--concurrency=6",
                "--remaining-ms=150-250",
                "--seed=2024",
                "--store=jdbc",
                "--url=" + url,
                "--table=" + table(),
                "--create-table",
                "--transactional"));

    Cli.Result result = cli.run(args.toArray(String[]::new));

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("transactional")
        .containsPattern("crashes\\s+[1-9]\\d*")
        .containsPattern("charges\\s+150\\s+for 150 unique orders: 0 duplicate, 0 after crashes")
        .contains("none excused: the effect commits with its record")
        .contains("EXACTLY ONCE")
        .contains("the crash window is closed");
  }

  @Test
  void theSameCrashesWithoutTheTransactionChargeAgain(PostgresServer postgres) throws IOException {
    String url =
        postgres.jdbcUrl(postgres.createDatabase("once_cli")) + "?user=" + PostgresServer.USER;

    Cli.Result result =
        cli.run(
            SimulateTest.small(
                "--crash-rate=0.1",
                "--store=jdbc",
                "--url=" + url,
                "--table=" + table(),
                "--create-table"));

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(SimulateTest.json(result).get("reexecutionsAfterCrash").asLong()).isPositive();
  }

  @Test
  void transactionalNeedsTheJdbcStore() {
    Cli.Result result = cli.run("simulate", "--transactional");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--transactional needs --store jdbc");
  }

  @Test
  void purgeExpiredDeletesExpiredRecordsInBatches(PostgresServer postgres) {
    String url =
        postgres.jdbcUrl(postgres.createDatabase("once_cli")) + "?user=" + PostgresServer.USER;
    String table = table();
    try (TestPool pool = postgres.pool("once_cli", 2)) {
      JdbcStore store =
          JdbcStore.builder(pool).tableName(table).timeSource(TimeSource.CALLER).build();
      store.createTable();
      Instant longAgo = Instant.now().minus(Duration.ofDays(1));
      for (int i = 0; i < 5; i++) {
        store.acquire(
            new AcquireRequest(
                "old#" + i, "l", null, longAgo, Duration.ofSeconds(1), Duration.ofHours(1)));
      }
      store.acquire(
          new AcquireRequest(
              "live#1", "l", null, Instant.now(), Duration.ofMinutes(1), Duration.ofHours(1)));

      Cli.Result result =
          cli.run(
              "records",
              "purge-expired",
              "--batch=2",
              "--store=jdbc",
              "--url=" + url,
              "--table=" + table);

      assertThat(result.code()).as(result.err()).isZero();
      assertThat(result.out()).startsWith("purged 5 expired record(s) from jdbc table " + table);
      assertThat(store.find("old#0")).isEmpty();
      assertThat(store.find("live#1")).isPresent();
    }
  }

  @Test
  void purgeExpiredOnAStoreThatExpiresRecordsItselfDoesNothing() {
    IdempotencyStore expiresItself =
        new ForwardingStore(new InMemoryStore()) {
          @Override
          public OptionalInt purgeExpired(Instant now, int limit) {
            return OptionalInt.empty(); // as DynamoDB's TTL and Redis's expiry
          }
        };

    Cli.Result result = Cli.with(expiresItself).run("records", "purge-expired");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("deletes expired records itself");
  }

  private JsonNode simulate(String... store) throws IOException {
    String[] args = new String[store.length + 5];
    System.arraycopy(
        new String[] {
          "--orders=120",
          "--concurrent-duplicates=10",
          "--remaining-ms=300-500",
          "--concurrency=4",
          "--create-table"
        },
        0,
        args,
        0,
        5);
    System.arraycopy(store, 0, args, 5, store.length);
    Cli.Result result = cli.run(SimulateTest.small(args));
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = SimulateTest.json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isTrue();
    assertThat(report.get("uniqueOrders").asLong()).isEqualTo(120);
    assertThat(report.get("charges").asLong())
        .isEqualTo(120 + report.get("reexecutionsAfterCrash").asLong());
    return report;
  }

  private static String table() {
    return "once_cli_" + ThreadLocalRandom.current().nextInt(1_000_000);
  }
}
