package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.once.jdbc.testing.DatabaseExtension;
import dev.once.jdbc.testing.MariaDbServer;
import dev.once.jdbc.testing.PostgresServer;
import java.io.IOException;
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
