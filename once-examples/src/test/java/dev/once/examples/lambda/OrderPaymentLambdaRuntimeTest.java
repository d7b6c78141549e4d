package dev.once.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.examples.payment.DynamoDbLedger;
import dev.once.lambda.testing.RuntimeApiServer.Kind;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order-payment function under the real AWS Lambda Java runtime interface client, in child
 * JVMs, fed by a Runtime API server that kills a process whose invocation passes its deadline;
 * records in the DynamoDB store on dynalite, charges in a DynamoDB ledger table, both read from
 * this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderPaymentLambdaRuntimeTest {

  static final String FUNCTION = "order-payment";
  static final String HANDLER = "dev.once.examples.payment.OrderPaymentHandler::handleRequest";
  static final String PAUSING =
      "dev.once.examples.payment.PausingOrderPaymentHandler::handleRequest";
  static final Duration WAIT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private DynaliteServer dynalite;
  private DynamoDbStore store;
  private DynamoDbLedger ledger;
  private Map<String, String> env;
  private LambdaSandbox function;

  @TempDir Path signals;

  @BeforeAll
  void startDynaliteAndTheFunction() throws Exception {
    dynalite = DynaliteServer.start();
    store = DynamoDbStore.builder().client(dynalite.client()).tableName("idempotency").build();
    store.createTable();
    DynamoDbLedger.createTable(dynalite.client(), "ledger");
    ledger = new DynamoDbLedger(dynalite.client(), "ledger");
    env =
        Map.of(
            "ONCE_TABLE", "idempotency",
            "LEDGER_TABLE", "ledger",
            "ONCE_LOCAL_CACHE", "0",
            "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
    function = LambdaSandbox.start("order-payment", HANDLER, FUNCTION, env);
  }

  @AfterAll
  void stopAll() throws Exception {
    if (function != null) {
      function.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Test
  void anEventDeliveredTwiceChargesOnceAndAnswersTheSameTwice() throws Exception {
    String event = order("o-twice");

    JsonNode first = respond(function, event);
    JsonNode second = respond(function, event);

    assertThat(first.get("orderId").asText()).isEqualTo("o-twice");
    assertThat(second).isEqualTo(first);
    assertThat(ledger.charges("o-twice")).containsExactly(first.get("chargeId").asText());
    assertThat(record("o-twice").status()).isEqualTo(RecordStatus.COMPLETED);
  }

  @Test
  void anInvocationPastItsDeadlineIsKilledAndTheRetryAfterTheLeaseCompletes() throws Exception {
    String event = order("o-killed", Map.of("pauseUntil", signals.resolve("never").toString()));
    Instant deadline;

    try (LambdaSandbox doomed = LambdaSandbox.start("killed", PAUSING, FUNCTION, env)) {
      respond(doomed, order("o-warm-killed")); // warm: the short deadline is for the work alone
      var invocation = doomed.invoke(event, Duration.ofMillis(1500));
      var outcome = invocation.await(WAIT);

      assertThat(outcome.kind()).as(doomed.log()).isEqualTo(Kind.TIMED_OUT);
      assertThat(doomed.awaitExit(Duration.ofSeconds(10))).isTrue();
      deadline = Instant.ofEpochMilli(invocation.deadlineMs());
    }
    IdempotencyRecord abandoned = record("o-killed");
    assertThat(abandoned.status()).isEqualTo(RecordStatus.INPROGRESS);
    // The lease is the invocation's remaining time: it ends at the deadline, not 15 minutes on.
    assertThat(abandoned.inProgressExpiresAt())
        .isBetween(deadline.minusMillis(1500), deadline.plusMillis(50));
    // The function's store takes over only past the lease plus its clock skew tolerance.
    awaitPast(abandoned.inProgressExpiresAt().plus(store.clockSkewTolerance()));

    JsonNode receipt = respond(function, event);

    IdempotencyRecord taken = record("o-killed");
    assertThat(taken.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(taken.lease()).isNotEqualTo(abandoned.lease());
    assertThat(ledger.charges("o-killed")).containsExactly(receipt.get("chargeId").asText());
  }

  @Test
  void aStaleHolderThatWakesLateCannotOverwriteOrDeleteTheNewRecord() throws Exception {
    try (LambdaSandbox frozen = LambdaSandbox.start("stale", PAUSING, FUNCTION, env)) {
      respond(frozen, order("o-warm-stale"));
      // It completes late: its complete is refused, and it is told so (LeaseLostException).
      IdempotencyRecord afterComplete = takeOverFrom(frozen, "o-stale-complete", false);
      // It fails late: its release is refused.
      IdempotencyRecord afterRelease = takeOverFrom(frozen, "o-stale-release", true);

      assertThat(afterComplete.status()).isEqualTo(RecordStatus.COMPLETED);
      assertThat(afterRelease.status()).isEqualTo(RecordStatus.COMPLETED);
    }
  }

  @Test
  void aBadEnvironmentValueFailsTheColdStartNamingTheVariable() throws Exception {
    Map<String, String> bad = new java.util.HashMap<>(env);
    bad.put("ONCE_EXPIRY", "1 hour");

    try (LambdaSandbox broken = LambdaSandbox.start("bad-env", HANDLER, FUNCTION, bad)) {
      var outcome = broken.invoke(order("o-never"), Duration.ofSeconds(20)).await(WAIT);

      assertThat(outcome.kind()).as(broken.log()).isEqualTo(Kind.INIT_ERROR);
      assertThat(outcome.body())
          .contains("InvalidEnvironmentException")
          .contains("ONCE_EXPIRY is \\\"1 hour\\\"");
      assertThat(broken.awaitExit(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(ledger.charges("o-never")).isEmpty();
  }

  /**
   * The frozen sandbox acquires {@code orderId} and pauses past its lease; the function takes the
   * key over and completes; the frozen one wakes and tries to complete (or, failing, release).
   *
   * @return the record after the stale holder finished, asserted to be the taker's
   */
  private IdempotencyRecord takeOverFrom(LambdaSandbox frozen, String orderId, boolean fail)
      throws Exception {
    Path wake = signals.resolve(orderId + ".wake");
    String event = order(orderId, Map.of("pauseUntil", wake.toString(), "failAfterPause", fail));
    var stale = frozen.invokeWithoutKill(event, Duration.ofMillis(1200));
    IdempotencyRecord staleRecord = await(() -> store.find(key(orderId)));
    awaitPast(staleRecord.inProgressExpiresAt().plus(store.clockSkewTolerance()));

    JsonNode taker = respond(function, event);
    IdempotencyRecord taken = record(orderId);
    assertThat(taken.lease()).isNotEqualTo(staleRecord.lease());

    Files.createFile(wake);
    var late = stale.await(WAIT);

    // Either way the stale holder is not told success: its result is not the one recorded.
    assertThat(late.kind()).as(frozen.log()).isEqualTo(Kind.ERROR);
    if (!fail) {
      assertThat(late.body()).contains("LeaseLostException");
    }
    IdempotencyRecord after = record(orderId);
    assertThat(after).isEqualTo(taken);
    assertThat(JSON.readTree(after.data())).isEqualTo(taker);
    assertThat(respond(function, event)).isEqualTo(taker);
    // The stale holder's own charge happened: the one window no fencing closes (DESIGN.md).
    assertThat(ledger.charges(orderId)).hasSize(2).contains(taker.get("chargeId").asText());
    return after;
  }

  // --- helpers ---

  private static JsonNode respond(LambdaSandbox sandbox, String event) throws Exception {
    var outcome = sandbox.invoke(event, Duration.ofSeconds(20)).await(WAIT);
    assertThat(outcome.kind())
        .as(() -> outcome.body() + "\n" + sandbox.log())
        .isEqualTo(Kind.RESPONSE);
    return JSON.readTree(outcome.body());
  }

  static String order(String orderId) throws Exception {
    return order(orderId, Map.of());
  }

  static String order(String orderId, Map<String, Object> extra) throws Exception {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("orderId", orderId);
    event.put("customerId", "c-1");
    event.put("amountCents", 1999);
    event.put("currency", "EUR");
    event.putAll(extra);
    return JSON.writeValueAsString(event);
  }

  private IdempotencyRecord record(String orderId) {
    return store
        .find(key(orderId))
        .orElseThrow(() -> new AssertionError("no record for " + orderId));
  }

  /** The key the function writes: {@code <function>.<operation>#sha256("\"<orderId>\"")}. */
  static String key(String prefix, String orderId) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(("\"" + orderId + "\"").getBytes(StandardCharsets.UTF_8));
    return prefix + "#" + HexFormat.of().formatHex(digest);
  }

  private static String key(String orderId) {
    try {
      return key(FUNCTION + ".pay", orderId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls until {@code probe} yields a value; bounded. */
  static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("condition not met within " + WAIT);
  }

  /** Polls until the wall clock is past {@code instant}; bounded. */
  static void awaitPast(Instant instant) throws InterruptedException {
    await(() -> Instant.now().isAfter(instant) ? Optional.of(true) : Optional.empty());
  }
}
