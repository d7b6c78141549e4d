package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    RealStoreRun run =
        new RealStoreRun(
            "--store=dynamodb", "--endpoint=" + dynalite.endpoint(), "--table=" + table);

    run.simulatesExactlyOnce("--create-table");
    run.recordsCanBeListedReadAndPurged();
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
