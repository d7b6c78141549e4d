package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every real store's run test checks the same way: the payment scenario on the store, then the
 * records tools on what the run left.
 */
final class RealStoreRun {

  private static final int ORDERS = 120;

  private final Cli cli = Cli.withRealStores();
  private final List<String> store;

  /**
   * @param store the options that name the store ({@code --store=…}, {@code --url=…}, …)
   */
  RealStoreRun(String... store) {
    this.store = List.of(store);
  }

  /**
   * 120 orders with duplicates (some concurrent), failures, timeouts and crashes: exactly once,
   * every order charged once (crash re-executions aside), at most 2.5 store calls per delivery.
   *
   * @param extra more options, such as {@code --create-table}
   * @return the JSON report
   */
  JsonNode simulatesExactlyOnce(String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--orders=" + ORDERS,
                "--concurrent-duplicates=10",
                "--remaining-ms=300-500",
                "--concurrency=4"));
    args.addAll(store);
    args.addAll(List.of(extra));
    Cli.Result result = cli.run(SimulateTest.small(args.toArray(String[]::new)));

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = SimulateTest.json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isTrue();
    assertThat(report.get("uniqueOrders").asLong()).isEqualTo(ORDERS);
    assertThat(report.get("charges").asLong())
        .isEqualTo(ORDERS + report.get("reexecutionsAfterCrash").asLong());
    assertThat(report.get("storeCallsPerDelivery").asDouble()).isBetween(1.0, 2.5);
    return report;
  }

  /**
   * After {@link #simulatesExactlyOnce}: {@code records list} shows every order's completed record,
   * {@code records get --show-data} reads one back with its receipt, {@code records purge} deletes
   * it.
   */
  void recordsCanBeListedReadAndPurged() {
    Cli.Result list = records("list", "--status=COMPLETED", "--limit=500");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains(ORDERS + " record(s)").doesNotContain("INPROGRESS");
    String key = list.out().lines().skip(1).findFirst().orElseThrow().replaceAll(".* ", "");

    Cli.Result get = records("get", key, "--show-data");
    assertThat(get.code()).as(get.err()).isZero();
    assertThat(get.out()).contains("status             COMPLETED").contains("chargeId");

    assertThat(records("purge", key).code()).isZero();
    assertThat(records("get", key).code()).isEqualTo(1);
  }

  private Cli.Result records(String... args) {
    List<String> all = new ArrayList<>(List.of("records"));
    all.addAll(List.of(args));
    all.addAll(store);
    return cli.run(all.toArray(String[]::new));
  }
}
