package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code once simulate --workload http}: the HTTP example, its verdict covering status codes. */
class HttpSimulateTest {

  @Test
  void theHttpExampleGivesExactlyOnceAndRefusesClientErrorsCleanly() throws IOException {
    Cli.Result result = Cli.withMemoryStore().run(SimulateTest.small("--workload=http"));

    assertThat(result.code()).as(result.err() + result.out()).isZero();
    JsonNode report = SimulateTest.json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isTrue();
    assertThat(report.get("clientErrorViolations").asLong()).isZero();
    JsonNode statuses = report.get("statusCodes");
    assertThat(statuses.get("201").asLong()).isPositive();
    assertThat(statuses.get("400").asLong()).isPositive();
    assertThat(report.get("uniqueOrders").asLong()).isEqualTo(300);
    // 15 of the 300 requests are client errors: nothing charged for them.
    assertThat(report.get("charges").asLong())
        .isEqualTo(285 + report.get("reexecutionsAfterCrash").asLong());
  }

  @Test
  void theTableNamesTheStatusCodes() {
    Cli.Result result =
        Cli.withMemoryStore().run(SimulateTest.small("--workload=http", "--report=text"));

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("status codes").contains("201=").contains("400=");
  }

  @Test
  void brokenProtectionBehindHttpIsCaught() throws IOException {
    Cli.Result result = Cli.with(new BrokenStore()).run(SimulateTest.small("--workload=http"));

    assertThat(result.code()).isEqualTo(1);
    assertThat(SimulateTest.json(result).get("exactlyOnce").asBoolean()).isFalse();
  }

  @Test
  void anUnknownWorkloadIsABadArgument() {
    Cli.Result result = Cli.withMemoryStore().run(SimulateTest.small("--workload=grpc"));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--workload must be payment or http but was grpc");
  }
}
