package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A small scenario with every fault at a high rate and short deadlines, so it runs fast. */
  static final List<String> SMALL =
      List.of(
          "simulate",
          "--orders=300",
          "--duplicate-rate=0.3",
          "--concurrent-duplicates=40",
          "--failure-rate=0.05",
          "--timeout-rate=0.03",
          "--crash-rate=0.03",
          "--rate=unlimited",
          "--concurrency=6",
          "--remaining-ms=40-80",
          "--seed=2024",
          "--report=json");

  static String[] small(String... more) {
    List<String> args = new ArrayList<>(SMALL);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static JsonNode json(Cli.Result result) throws IOException {
    assertThat(result.out().lines()).as("one JSON object, one line").hasSize(1);
    return MAPPER.readTree(result.out());
  }

  @Test
  void theMemoryStoreGivesExactlyOnce() throws IOException {
    Cli.Result result = Cli.withMemoryStore().run(small());

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isTrue();
    assertThat(report.get("duplicateCharges").asLong()).isZero();
    assertConsistent(report, 300, 429);
  }

  @Test
  void waitingForRunsInProgressAlsoGivesExactlyOnce() throws IOException {
    Cli.Result result = Cli.withMemoryStore().run(small("--in-progress=wait", "--crash-rate=0.2"));

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isTrue();
    assertThat(report.get("waits").asLong()).isPositive();
    assertConsistent(report, 300, 429);
  }

  @Test
  void brokenProtectionIsCaught() throws IOException {
    Cli.Result result = Cli.with(new BrokenStore()).run(small());

    assertThat(result.code()).isEqualTo(1);
    JsonNode report = json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isFalse();
    assertThat(report.get("duplicateCharges").asLong()).isPositive();
    assertThat(report.get("replays").asLong()).isZero();
  }

  @Test
  void aLeaseLostBeforeItsDeadlineIsNotExcusedAsACrash() throws IOException {
    Cli.Result result = Cli.with(new LeaseLosingStore()).run(small());

    assertThat(result.code()).isEqualTo(1);
    JsonNode report = json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isFalse();
    assertThat(report.get("duplicateCharges").asLong()).isPositive();
    assertThat(report.get("leaseLost").asLong()).isPositive();
  }

  /** Deliveries of a late-answering store, each given up after two attempts; nothing charged. */
  private static final String[] ALL_GIVEN_UP =
      small("--orders=50", "--concurrent-duplicates=5", "--max-attempts=2");

  @Test
  void aRunWhoseEveryDeliveryWasGivenUpIsNotExactlyOnce() throws IOException {
    Cli.Result result = Cli.with(new LateAnsweringStore(Duration.ofMillis(100))).run(ALL_GIVEN_UP);

    assertThat(result.code()).as(result.err()).isEqualTo(1);
    JsonNode report = json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isFalse();
    assertThat(report.get("charges").asLong()).isZero();
    assertThat(report.get("duplicateCharges").asLong()).isZero();
    assertThat(report.get("unchargedOrders").asLong()).isEqualTo(50);
    // Each delivery acquired too late, or met a concurrent one acquiring too late.
    assertThat(report.get("leaseTooShort").asLong()).isPositive();
    assertThat(report.get("leaseTooShort").asLong() + report.get("inProgress").asLong())
        .isEqualTo(report.get("deliveries").asLong());
    // Every planned delivery was tried twice, then given up.
    assertThat(report.get("givenUp").asLong() * 2).isEqualTo(report.get("deliveries").asLong());
  }

  @Test
  void theTableSaysHowManyOrdersWereNeverProcessed() {
    List<String> args = new ArrayList<>(List.of(ALL_GIVEN_UP));
    args.add("--report=text");

    Cli.Result result =
        Cli.with(new LateAnsweringStore(Duration.ofMillis(100))).run(args.toArray(String[]::new));

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .containsPattern("lease too short +\\d+ +acquired too late")
        .containsPattern("never processed +50 +orders with no charges")
        .contains("NOT EXACTLY ONCE: 50 of the 50 orders never processed (71 deliveries given up)")
        .doesNotContain("EXACTLY ONCE: every");
  }

  @Test
  void theJsonReportHasExactlyTheDocumentedFields() throws IOException {
    JsonNode report =
        json(Cli.withMemoryStore().run(small("--orders=50", "--concurrent-duplicates=5")));

    assertThat(iterable(report.fieldNames()))
        .containsExactly(
            "deliveries",
            "executions",
            "replays",
            "inProgress",
            "waits",
            "failures",
            "leaseTooShort",
            "leaseLost",
            "givenUp",
            "reexecutionsAfterCrash",
            "uniqueOrders",
            "charges",
            "duplicateCharges",
            "unchargedOrders",
            "exactlyOnce",
            "storeCallsPerDelivery",
            "latencyMs",
            "throughputPerSec");
    assertThat(iterable(report.get("latencyMs").fieldNames()))
        .containsExactly("p50", "p90", "p99", "max");
    assertThat(report.get("latencyMs").get("p50").asDouble())
        .isLessThanOrEqualTo(report.get("latencyMs").get("p99").asDouble());
    assertThat(report.get("throughputPerSec").asDouble()).isPositive();
  }

  @Test
  void theTableShowsTheVerdict() {
    Cli.Result result = Cli.withMemoryStore().run(small("--report=text", "--orders=100"));

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("once simulate: 100 orders + 43 duplicates")
        .contains("seed 2024")
        .containsPattern("charges +\\d+ +for 100 unique orders: 0 duplicate")
        .contains("EXACTLY ONCE")
        .contains("store calls per delivery")
        .contains("latency ms");
  }

  @Test
  void theUsersHandlerRunsOncePerEvent(@TempDir Path dir) throws IOException {
    Path events = dir.resolve("events.jsonl");
    Files.write(
        events,
        IntStream.range(0, 120)
            .mapToObj(i -> "{\"id\":\"evt-" + i + "\",\"amount\":" + i + "}")
            .toList());
    String[] args =
        small(
            "--handler=" + CountingHandler.class.getName(),
            "--events=" + events,
            "--key-path=id",
            "--concurrent-duplicates=10");

    Cli.Result result = Cli.withMemoryStore().run(args);
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode report = json(result);
    assertThat(report.get("exactlyOnce").asBoolean()).isTrue();
    assertThat(report.get("uniqueOrders").asLong()).isEqualTo(120);
    assertThat(report.get("charges").asLong())
        .isEqualTo(120 + report.get("reexecutionsAfterCrash").asLong());

    Cli.Result broken = Cli.with(new BrokenStore()).run(args);
    assertThat(broken.code()).isEqualTo(1);
    assertThat(json(broken).get("exactlyOnce").asBoolean()).isFalse();
  }

  @Test
  void handlerKeysUseTheEnginesFunctionsAndDuplicatesByKeyCountAsOne(@TempDir Path dir)
      throws IOException {
    // SQS-shaped events: the order id sits inside a JSON string body, and two messages (other
    // ids) carry the same order.
    Path events = dir.resolve("events.jsonl");
    Files.write(
        events,
        IntStream.range(0, 60)
            .mapToObj(
                i ->
                    "{\"id\":\"m-"
                        + i
                        + "\",\"body\":\"{\\\"orderId\\\":\\\"o-"
                        + (i % 50)
                        + "\\\"}\"}")
            .toList());

    Cli.Result result =
        Cli.withMemoryStore()
            .run(
                small(
                    "--handler=" + CountingHandler.class.getName(),
                    "--events=" + events,
                    "--key-path=powertools_json(body).orderId",
                    "--concurrent-duplicates=10"));

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(json(result).get("uniqueOrders").asLong()).isEqualTo(50);
  }

  @Test
  void aKeyPathThatDoesNotParseIsABadArgument(@TempDir Path dir) throws IOException {
    Path events = Files.writeString(dir.resolve("e.jsonl"), "{\"id\":1}\n");

    Cli.Result result =
        Cli.withMemoryStore()
            .run(
                "simulate",
                "--handler=" + CountingHandler.class.getName(),
                "--events=" + events,
                "--key-path=id[");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--key-path").contains("id[");
  }

  @Test
  void aHandlerThatIsNoHandlerIsABadArgument(@TempDir Path dir) throws IOException {
    Path events = Files.writeString(dir.resolve("e.jsonl"), "{\"id\":1}\n");

    Cli.Result result =
        Cli.withMemoryStore().run("simulate", "--handler=java.lang.String", "--events=" + events);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--handler java.lang.String does not implement");
  }

  /** The counts must add up, whatever the timing did. */
  private static void assertConsistent(JsonNode r, long orders, long planned) {
    long executions = r.get("executions").asLong();
    long charges = r.get("charges").asLong();
    assertThat(r.get("uniqueOrders").asLong()).isEqualTo(orders);
    assertThat(charges).isEqualTo(orders + r.get("reexecutionsAfterCrash").asLong());
    // Every execution either charged, or failed or timed out before the charge.
    assertThat(executions).isGreaterThanOrEqualTo(charges + r.get("failures").asLong());
    // Every planned delivery ended in an execution that completed or a replay.
    assertThat(r.get("deliveries").asLong()).isGreaterThanOrEqualTo(planned);
    assertThat(r.get("replays").asLong()).isLessThanOrEqualTo(planned - orders);
    assertThat(r.get("storeCallsPerDelivery").asDouble()).isBetween(1.0, 2.5);
  }

  private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }
}
