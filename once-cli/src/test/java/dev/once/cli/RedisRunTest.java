package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.redis.testing.RedisCluster;
import dev.once.redis.testing.RedisExtension;
import dev.once.redis.testing.RedisServer;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same scenario on Redis (a real redis-server, and a 3-primary cluster, on free ports), then
 * the records tools on it.
 */
@ExtendWith(RedisExtension.class)
class RedisRunTest {

  private final Cli cli = Cli.withRealStores();

  @Test
  void simulateOnRedisGivesExactlyOnceAndLeavesRecordsToInspect(RedisServer redis)
      throws IOException {
    String prefix = "--redis-prefix=cli-" + ThreadLocalRandom.current().nextInt(1_000_000) + ":";
    RealStoreRun run = new RealStoreRun("--store=redis", "--url=" + redis.uri(), prefix);

    run.simulatesExactlyOnce();
    run.recordsCanBeListedReadAndPurged();
  }

  @Test
  void simulateOnARedisClusterGivesExactlyOnce(RedisCluster cluster) throws IOException {
    String seeds = cluster.uris().stream().map(Object::toString).collect(Collectors.joining(","));

    Cli.Result result =
        cli.run(
            SimulateTest.small(
                "--orders=80",
                "--concurrent-duplicates=5",
                "--remaining-ms=300-500",
                "--concurrency=4",
                "--store=redis",
                "--cluster",
                "--url=" + seeds));

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(SimulateTest.json(result).get("exactlyOnce").asBoolean()).isTrue();

    Cli.Result list =
        cli.run("records", "list", "--limit=1000", "--store=redis", "--cluster", "--url=" + seeds);
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("record(s)");
  }

  @Test
  void anUnreachableServerIsReportedAndNothingRuns() {
    Cli.Result result = cli.run("records", "list", "--store=redis", "--url=redis://127.0.0.1:9");

    assertThat(result.code()).isEqualTo(Once.CANNOT_RUN);
    assertThat(result.err()).startsWith("once records list: ");
  }
}
