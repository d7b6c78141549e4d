package dev.once.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.examples.payment.DynamoDbLedger;
import dev.once.lambda.testing.RuntimeApiServer.Kind;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.ReleaseOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SQS batch example under the real Lambda runtime client: duplicates inside a batch and across
 * batches, a bad message, a message whose order is in progress elsewhere, a FIFO queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsOrderPaymentLambdaRuntimeTest {

  static final String FUNCTION = "order-payment-sqs";
  static final String HANDLER = "dev.once.examples.payment.SqsOrderPaymentHandler::handleRequest";
  static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DynaliteServer dynalite;
  private DynamoDbStore store;
  private DynamoDbLedger ledger;
  private LambdaSandbox function;

  @BeforeAll
  void startDynaliteAndTheFunction() throws Exception {
    dynalite = DynaliteServer.start();
    store = DynamoDbStore.builder().client(dynalite.client()).tableName("idempotency").build();
    store.createTable();
    DynamoDbLedger.createTable(dynalite.client(), "ledger");
    ledger = new DynamoDbLedger(dynalite.client(), "ledger");
    function =
        LambdaSandbox.start(
            "order-payment-sqs",
            HANDLER,
            FUNCTION,
            Map.of(
                "ONCE_TABLE", "idempotency",
                "LEDGER_TABLE", "ledger",
                "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString()));
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
  void duplicatesInsideAndAcrossBatchesChargeOnceAndFailuresAreReported() throws Exception {
    String heldKey = OrderPaymentLambdaRuntimeTest.key(FUNCTION + ".pay", "o-held");
    Instant now = Instant.now();
    // Another execution holds o-held: its message must be reported, not skipped.
    AcquireResult held =
        store.acquire(
            new AcquireRequest(
                heldKey, "held-by-test", null, now, Duration.ofMinutes(5), Duration.ofHours(1)));
    assertThat(held).isEqualTo(AcquireResult.acquired());

    List<String> first =
        failures(
            batch(
                QUEUE,
                message("m1", order("o-a", 100)),
                message("m2", order("o-b", 200)),
                message("m3", order("o-a", 100)),
                message("m4", order("o-bad", 0)),
                message("m5", order("o-held", 500))));
    List<String> second =
        failures(
            batch(
                QUEUE,
                message("m3", order("o-a", 100)),
                message("m6", order("o-c", 300)),
                message("m5", order("o-held", 500))));
    assertThat(store.release(heldKey, "held-by-test")).isEqualTo(ReleaseOutcome.RELEASED);
    List<String> third = failures(batch(QUEUE, message("m5", order("o-held", 500))));

    assertThat(first).containsExactly("m4", "m5");
    assertThat(second).containsExactly("m5");
    assertThat(third).isEmpty();
    for (String order : List.of("o-a", "o-b", "o-c", "o-held")) {
      assertThat(ledger.charges(order)).as(order).hasSize(1);
    }
    assertThat(ledger.allCharges()).hasSize(4);
  }

  @Test
  void aFifoBatchStopsAtTheFirstFailureAndReportsTheRest() throws Exception {
    List<String> failed =
        failures(
            batch(
                QUEUE + ".fifo",
                message("f1", order("o-fifo-1", 100)),
                message("f2", order("o-fifo-bad", 0)),
                message("f3", order("o-fifo-3", 100))));

    assertThat(failed).containsExactly("f2", "f3");
    assertThat(ledger.charges("o-fifo-1")).hasSize(1);
    assertThat(ledger.charges("o-fifo-3")).isEmpty();
  }

  @Test
  void aCustomizerThatConflictsWithTheBatchFailsTheColdStartNotEveryRecord() throws Exception {
    try (LambdaSandbox broken =
        LambdaSandbox.start(
            "misconfigured-sqs",
            "dev.once.examples.payment.MisconfiguredSqsOrderPaymentHandler::handleRequest",
            FUNCTION,
            Map.of(
                "ONCE_TABLE",
                "idempotency",
                "AWS_ENDPOINT_URL_DYNAMODB",
                dynalite.endpoint().toString()))) {
      var outcome =
          broken
              .invoke(batch(QUEUE, message("x1", order("o-x", 100))), Duration.ofSeconds(20))
              .await(Duration.ofSeconds(30));

      assertThat(outcome.kind()).as(broken.log()).isEqualTo(Kind.INIT_ERROR);
      assertThat(outcome.body())
          .contains("IllegalStateException")
          .contains("SQS batch")
          .contains("keyFunction conflicts with keyPath");
      assertThat(broken.awaitExit(Duration.ofSeconds(10))).isTrue();
    }
  }

  // --- helpers ---

  private List<String> failures(String event) throws Exception {
    var outcome = function.invoke(event, Duration.ofSeconds(20)).await(Duration.ofSeconds(30));
    assertThat(outcome.kind())
        .as(() -> outcome.body() + "\n" + function.log())
        .isEqualTo(Kind.RESPONSE);
    List<String> ids = new ArrayList<>();
    JsonNode items = JSON.readTree(outcome.body()).path("batchItemFailures");
    items.forEach(i -> ids.add(i.get("itemIdentifier").asText()));
    return ids;
  }

  private static String order(String orderId, long amountCents) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"customerId\":\"c-1\",\"amountCents\":"
        + amountCents
        + ",\"currency\":\"EUR\"}";
  }

  private static ObjectNode message(String messageId, String body) {
    ObjectNode m = JSON.createObjectNode();
    m.put("messageId", messageId);
    m.put("receiptHandle", "rh-" + messageId);
    m.put("body", body);
    ObjectNode attributes = m.putObject("attributes");
    attributes.put("ApproximateReceiveCount", "1");
    attributes.put("SentTimestamp", "1767225600000");
    m.putObject("messageAttributes");
    m.put("md5OfBody", "0");
    m.put("eventSource", "aws:sqs");
    m.put("awsRegion", "us-east-1");
    return m;
  }

  private static String batch(String queueArn, ObjectNode... messages) throws Exception {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (ObjectNode m : messages) {
      records.add(m.deepCopy().put("eventSourceARN", queueArn));
    }
    return JSON.writeValueAsString(event);
  }
}
