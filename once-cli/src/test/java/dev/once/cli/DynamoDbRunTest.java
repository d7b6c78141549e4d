package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same scenario on DynamoDB (a real dynalite on a free port), then the records tools on it. */
@ExtendWith(DynaliteExtension.class)
class DynamoDbRunTest {

  private final Cli cli = Cli.withRealStores();

  @Test
  void simulateOnDynamoDbGivesExactlyOnceAndLeavesRecordsToInspect(DynaliteServer dynalite)
      throws IOException {
    String table = "once-cli-" + ThreadLocalRandom.current().nextInt(1_000_000);
    String[] store = {"--store=dynamodb", "--endpoint=" + dynalite.endpoint(), "--table=" + table};

    Cli.Result result =
        cli.run(
            SimulateTest.small(
                "--orders=120",
                "--concurrent-duplicates=10",
                "--remaining-ms=300-500",
                "--concurrency=4",
                store[0],
                store[1],
                store[2],
                "--create-table"));

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = SimulateTest.json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isTrue();
    assertThat(report.get("uniqueOrders").asLong()).isEqualTo(120);
    assertThat(report.get("charges").asLong())
        .isEqualTo(120 + report.get("reexecutionsAfterCrash").asLong());
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
  void anUnreachableStoreIsReportedAndNothingRuns() {
    Cli.Result result =
        cli.run(
            "records",
            "list",
            "--store=dynamodb",
            "--endpoint=http://127.0.0.1:9",
            "--table=missing");

    assertThat(result.code()).isEqualTo(Once.CANNOT_RUN);
    assertThat(result.err()).startsWith("once records list: ");
  }
}
