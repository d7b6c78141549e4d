package dev.once.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.examples.payment.DynamoDbLedger;
import dev.once.lambda.testing.RuntimeApiServer;
import dev.once.lambda.testing.RuntimeApiServer.Kind;
import dev.once.spi.RecordStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP example under the real Lambda runtime interface client, with events shaped as API
 * Gateway REST APIs (payload 1.0: the client's header case, multi-value headers) and HTTP APIs
 * (payload 2.0: lower-case headers, {@code isBase64Encoded}) send them; records in the DynamoDB
 * store on dynalite, charges in a DynamoDB ledger table, both read from this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpOrderPaymentLambdaRuntimeTest {

  static final String FUNCTION = "order-payment-http";
  static final String REST = "dev.once.examples.payment.HttpOrderPaymentHandler::handleRequest";
  static final String HTTP_API =
      "dev.once.examples.payment.HttpApiOrderPaymentHandler::handleRequest";
  // Five JVMs start together: on a busy machine the first poll can take tens of seconds.
  static final String ALB = "dev.once.examples.payment.AlbOrderPaymentHandler::handleRequest";
  static final Duration WAIT = Duration.ofSeconds(120);

  private static final ObjectMapper JSON = new ObjectMapper();

  private DynaliteServer dynalite;
  private DynamoDbStore store;
  private DynamoDbLedger ledger;
  private LambdaSandbox rest;
  private LambdaSandbox rest2;
  private LambdaSandbox httpApi;
  private LambdaSandbox late;
  private LambdaSandbox alb;

  @BeforeAll
  void startDynaliteAndTheFunctions() throws Exception {
    dynalite = DynaliteServer.start();
    store = DynamoDbStore.builder().client(dynalite.client()).tableName("idempotency").build();
    store.createTable();
    DynamoDbLedger.createTable(dynalite.client(), "ledger");
    ledger = new DynamoDbLedger(dynalite.client(), "ledger");
    Map<String, String> env =
        Map.of(
            "ONCE_TABLE", "idempotency",
            "LEDGER_TABLE", "ledger",
            "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
    rest = LambdaSandbox.start("http-rest", REST, FUNCTION, env);
    rest2 = LambdaSandbox.start("http-rest-2", REST, FUNCTION, env);
    httpApi = LambdaSandbox.start("http-api", HTTP_API, FUNCTION, env);
    Map<String, String> lateLedger = new HashMap<>(env);
    lateLedger.put("LEDGER_TABLE", "ledger-late");
    late = LambdaSandbox.start("http-late-ledger", REST, FUNCTION, lateLedger);
    alb = LambdaSandbox.start("http-alb", ALB, FUNCTION, env);
  }

  @AfterAll
  void stopAll() throws Exception {
    for (LambdaSandbox sandbox : new LambdaSandbox[] {rest, rest2, httpApi, late, alb}) {
      if (sandbox != null) {
        sandbox.close();
      }
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Test
  void restFirstCallThenADuplicateReplaysTheSameResponseMarked() throws Exception {
    String event = restEvent("\"key-r1\"", order("o-r1", 1999));

    JsonNode first = respond(rest, event);
    JsonNode again = respond(rest, event);

    assertThat(first.get("statusCode").asInt()).isEqualTo(201);
    assertThat(first.path("headers").has("Idempotent-Replayed")).isFalse();
    assertThat(again.get("statusCode").asInt()).isEqualTo(201);
    assertThat(again.get("body").asText()).isEqualTo(first.get("body").asText());
    assertThat(again.path("headers").path("Idempotent-Replayed").asText()).isEqualTo("true");
    assertThat(ledger.charges("o-r1")).hasSize(1);
  }

  @Test
  void restTheSameKeyForAnotherOrderIs422AndAMissingKeyIs400WithNothingStored() throws Exception {
    respond(rest, restEvent("key-r2", order("o-r2", 100)));
    int records = records();

    JsonNode reused = respond(rest, restEvent("key-r2", order("o-r2", 200)));
    JsonNode missing = respond(rest, restEvent(null, order("o-r2b", 100)));
    JsonNode unreadable = respond(rest, restEvent("\"two\", \"keys\"", order("o-r2c", 100)));

    assertProblem(reused, 422, "idempotency-key-reused");
    assertProblem(missing, 400, "idempotency-key-missing");
    assertProblem(unreadable, 400, "idempotency-key-unreadable");
    assertThat(records()).isEqualTo(records);
    assertThat(ledger.charges("o-r2")).hasSize(1);
    assertThat(ledger.charges("o-r2b")).isEmpty();
  }

  @Test
  void restConcurrentDuplicatesChargeOnceAndGet201Or409NeverA5xx() throws Exception {
    int conflicts = 0;
    for (int round = 0; round < 4; round++) {
      String orderId = "o-c" + round;
      String event = restEvent("\"key-c" + round + "\"", order(orderId, 500));
      var a = rest.invoke(event, Duration.ofSeconds(20));
      var b = rest2.invoke(event, Duration.ofSeconds(20));
      List<JsonNode> answers = List.of(body(rest, a.await(WAIT)), body(rest2, b.await(WAIT)));
      List<String> receipts = new ArrayList<>();
      for (JsonNode answer : answers) {
        int status = answer.get("statusCode").asInt();
        assertThat(status).as(answer.toString()).isIn(201, 409);
        if (status == 409) {
          conflicts++;
          assertThat(answer.path("headers").path("Retry-After").asText()).isEqualTo("1");
        } else {
          receipts.add(answer.get("body").asText());
        }
      }
      assertThat(receipts).isNotEmpty();
      assertThat(receipts.stream().distinct()).hasSize(1);
      JsonNode retried = respond(rest, event);
      assertThat(retried.get("body").asText()).isEqualTo(receipts.get(0));
      assertThat(ledger.charges(orderId)).hasSize(1);
    }
    // Reported, not asserted: how often the two arrived while the other ran.
    System.out.printf(
        "[http] %d of 8 concurrent duplicates met the first in progress%n", conflicts);
  }

  @Test
  void restA5xxIsNotStoredAndTheRetryCharges() throws Exception {
    String event = restEvent("\"key-late\"", order("o-late", 700));

    JsonNode unavailable = respond(late, event);
    DynamoDbLedger.createTable(dynalite.client(), "ledger-late");
    JsonNode retried = respond(late, event);
    JsonNode replayed = respond(late, event);

    assertThat(unavailable.get("statusCode").asInt()).isEqualTo(503);
    assertThat(retried.get("statusCode").asInt()).isEqualTo(201);
    assertThat(replayed.get("body").asText()).isEqualTo(retried.get("body").asText());
    assertThat(new DynamoDbLedger(dynalite.client(), "ledger-late").charges("o-late")).hasSize(1);
  }

  @Test
  void httpApiReplaysABase64BodyByteForByteWithoutItsCookies() throws Exception {
    String event = httpApiEvent("\"key-h1\"", order("o-h1", 1200), true);

    JsonNode first = respond(httpApi, event);
    JsonNode again = respond(httpApi, event);

    assertThat(first.get("statusCode").asInt()).isEqualTo(201);
    assertThat(first.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(again.get("body").asText()).isEqualTo(first.get("body").asText());
    assertThat(again.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(first.path("cookies").size()).isEqualTo(1);
    assertThat(again.path("cookies").size()).isZero();
    assertThat(again.path("headers").path("Idempotent-Replayed").asText()).isEqualTo("true");
    String receipt =
        new String(Base64.getDecoder().decode(again.get("body").asText()), StandardCharsets.UTF_8);
    assertThat(JSON.readTree(receipt).get("orderId").asText()).isEqualTo("o-h1");
    assertThat(ledger.charges("o-h1")).hasSize(1);
  }

  @Test
  void httpApiANonJsonBodyIsTheHandlers400AndIsReplayedNotAnError() throws Exception {
    String event = httpApiEvent("key-h2", "order o-h2 please", false);

    JsonNode first = respond(httpApi, event);
    JsonNode again = respond(httpApi, event);
    JsonNode missing = respond(httpApi, httpApiEvent(null, order("o-h2", 100), false));

    assertThat(first.get("statusCode").asInt()).isEqualTo(400);
    assertThat(again.get("statusCode").asInt()).isEqualTo(400);
    assertThat(again.path("headers").path("Idempotent-Replayed").asText()).isEqualTo("true");
    assertProblem(missing, 400, "idempotency-key-missing");
    assertThat(ledger.charges("o-h2")).isEmpty();
  }

  @Test
  void albWithMultiValueHeadersReplaysInMultiValueHeadersAndAnswersProblemsThere()
      throws Exception {
    String event = albEvent("\"key-a1\"", order("o-a1", 900));

    JsonNode first = respond(alb, event);
    JsonNode again = respond(alb, event);
    JsonNode reused = respond(alb, albEvent("\"key-a1\"", order("o-a1", 901)));
    JsonNode missing = respond(alb, albEvent(null, order("o-a1", 900)));

    assertThat(first.get("statusCode").asInt()).isEqualTo(201);
    assertThat(again.get("statusCode").asInt()).isEqualTo(201);
    assertThat(again.get("statusDescription").asText()).isEqualTo("201 Created");
    assertThat(again.get("body").asText()).isEqualTo(first.get("body").asText());
    JsonNode headers = again.get("multiValueHeaders");
    assertThat(headers.path("Idempotent-Replayed").get(0).asText()).isEqualTo("true");
    assertThat(headers.has("Set-Cookie")).isFalse();
    assertThat(first.get("multiValueHeaders").path("Set-Cookie").size()).isEqualTo(2);
    assertThat(reused.get("statusCode").asInt()).isEqualTo(422);
    assertThat(missing.get("statusCode").asInt()).isEqualTo(400);
    assertThat(missing.get("multiValueHeaders").path("Content-Type").get(0).asText())
        .isEqualTo("application/problem+json");
    assertThat(ledger.charges("o-a1")).hasSize(1);
  }

  // --- helpers ---

  private int records() {
    return store.list(EnumSet.allOf(RecordStatus.class), 10_000).size();
  }

  private static JsonNode respond(LambdaSandbox sandbox, String event) throws Exception {
    return body(sandbox, sandbox.invoke(event, Duration.ofSeconds(20)).await(WAIT));
  }

  private static JsonNode body(LambdaSandbox sandbox, RuntimeApiServer.Outcome outcome)
      throws Exception {
    assertThat(outcome.kind())
        .as(() -> outcome.body() + "\n" + sandbox.log())
        .isEqualTo(Kind.RESPONSE);
    return JSON.readTree(outcome.body());
  }

  private static void assertProblem(JsonNode response, int status, String code) throws Exception {
    assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(status);
    JsonNode headers = response.path("headers");
    assertThat(headers.path("Content-Type").asText()).isEqualTo("application/problem+json");
    JsonNode problem = JSON.readTree(response.get("body").asText());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("code").asText()).isEqualTo(code);
  }

  static String order(String orderId, long amountCents) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"customerId\":\"c-1\",\"amountCents\":"
        + amountCents
        + ",\"currency\":\"EUR\"}";
  }

  /**
   * A REST API (payload 1.0) event: headers as the client wrote them, and their multi-value form.
   */
  static String restEvent(String key, String body) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "*/*");
    headers.put("Content-Type", "application/json");
    headers.put("Host", "abc123.execute-api.us-east-1.amazonaws.com");
    headers.put("User-Agent", "curl/8.5.0");
    headers.put("X-Forwarded-For", "203.0.113.7");
    if (key != null) {
      headers.put("Idempotency-Key", key);
    }
    ObjectNode event = JSON.createObjectNode();
    event.put("resource", "/orders");
    event.put("path", "/orders");
    event.put("httpMethod", "POST");
    ObjectNode single = event.putObject("headers");
    ObjectNode multi = event.putObject("multiValueHeaders");
    headers.forEach(
        (name, value) -> {
          single.put(name, value);
          multi.putArray(name).add(value);
        });
    event.putNull("queryStringParameters");
    event.putNull("multiValueQueryStringParameters");
    event.putNull("pathParameters");
    event.putNull("stageVariables");
    ObjectNode context = event.putObject("requestContext");
    context.put("resourceId", "a1b2c3");
    context.put("resourcePath", "/orders");
    context.put("httpMethod", "POST");
    context.put("path", "/prod/orders");
    context.put("stage", "prod");
    context.put("accountId", "123456789012");
    context.put("apiId", "abc123");
    context.put("requestId", java.util.UUID.randomUUID().toString());
    context.put("protocol", "HTTP/1.1");
    context.putObject("identity").put("sourceIp", "203.0.113.7").put("userAgent", "curl/8.5.0");
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return JSON.writeValueAsString(event);
  }

  /** An ALB event with multi-value headers on: lower-case names, every value in a list. */
  static String albEvent(String key, String body) throws Exception {
    ObjectNode event = JSON.createObjectNode();
    event
        .putObject("requestContext")
        .putObject("elb")
        .put(
            "targetGroupArn",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/6d0ecf831eec9f09");
    event.put("httpMethod", "POST");
    event.put("path", "/orders");
    event.putObject("multiValueQueryStringParameters");
    ObjectNode headers = event.putObject("multiValueHeaders");
    headers.putArray("accept").add("*/*");
    headers.putArray("content-type").add("application/json");
    headers.putArray("host").add("orders-123.us-east-1.elb.amazonaws.com");
    headers.putArray("x-forwarded-for").add("203.0.113.7");
    headers.putArray("x-forwarded-proto").add("https");
    if (key != null) {
      headers.putArray("idempotency-key").add(key);
    }
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return JSON.writeValueAsString(event);
  }

  /** An HTTP API (payload 2.0) event: lower-case headers, the body base64 when asked. */
  static String httpApiEvent(String key, String body, boolean binaryAnswer) throws Exception {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "POST /orders");
    event.put("rawPath", "/orders");
    event.put("rawQueryString", "");
    ObjectNode headers = event.putObject("headers");
    headers.put("accept", binaryAnswer ? "application/octet-stream" : "application/json");
    headers.put("content-type", "application/json");
    headers.put("host", "api123.execute-api.us-east-1.amazonaws.com");
    headers.put("user-agent", "curl/8.5.0");
    if (key != null) {
      headers.put("idempotency-key", key);
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "123456789012");
    context.put("apiId", "api123");
    context.put("domainName", "api123.execute-api.us-east-1.amazonaws.com");
    context.put("requestId", java.util.UUID.randomUUID().toString());
    context.put("routeKey", "POST /orders");
    context.put("stage", "$default");
    context.put("timeEpoch", 1767225600000L);
    ObjectNode http = context.putObject("http");
    http.put("method", "POST");
    http.put("path", "/orders");
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "203.0.113.7");
    http.put("userAgent", "curl/8.5.0");
    event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    event.put("isBase64Encoded", true);
    return JSON.writeValueAsString(event);
  }
}
