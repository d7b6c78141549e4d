package dev.once.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.InMemoryStore;
import dev.once.spi.RecordStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status mapping and header filtering of HTTP idempotency, over an in-memory store. */
class HttpIdempotencyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryStore store = new InMemoryStore();
  private final LocalContext context = LocalContext.of("orders", Duration.ofMillis(30_000));
  private final AtomicInteger runs = new AtomicInteger();
  private int status = 201;

  private final LambdaIdempotency once = LambdaIdempotency.builder().store(store).build();

  private APIGatewayProxyResponseEvent created(APIGatewayProxyRequestEvent request) {
    int run = runs.incrementAndGet();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Set-Cookie", "session=abc");
    headers.put("Connection", "keep-alive");
    headers.put("Location", "/orders/" + run);
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(headers)
        .withBody("{\"run\":" + run + "}");
  }

  private RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> rest() {
    return once.http().restApi((request, ctx) -> created(request));
  }

  static APIGatewayProxyRequestEvent post(String key, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    if (key != null) {
      headers.put("idempotency-KEY", key);
    }
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withResource("/orders")
        .withPath("/orders")
        .withHeaders(headers)
        .withBody(body);
  }

  @Test
  void aDuplicateGetsTheFirstResponseMarkedAndFilteredAndNothingRuns() {
    var handler = rest();

    APIGatewayProxyResponseEvent first = handler.handleRequest(post("\"k-1\"", "{}"), context);
    APIGatewayProxyResponseEvent again = handler.handleRequest(post("\"k-1\"", "{}"), context);

    assertThat(runs).hasValue(1);
    assertThat(first.getHeaders())
        .containsKey("Set-Cookie")
        .doesNotContainKey("Idempotent-Replayed");
    assertThat(again.getStatusCode()).isEqualTo(201);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(again.getHeaders())
        .containsEntry("Idempotent-Replayed", "true")
        .containsEntry("Location", "/orders/1")
        .containsEntry("Content-Type", "application/json")
        .doesNotContainKeys("Set-Cookie", "Connection");
  }

  @Test
  void aBareKeyAndItsQuotedFormAreTheSameKey() {
    var handler = rest();

    handler.handleRequest(post("k-2", "{}"), context);
    APIGatewayProxyResponseEvent again = handler.handleRequest(post("\"k-2\"", "{}"), context);

    assertThat(runs).hasValue(1);
    assertThat(again.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndRunsNothing() {
    var handler = rest();
    handler.handleRequest(post("k-3", "{\"amount\":1}"), context);

    APIGatewayProxyResponseEvent other =
        handler.handleRequest(post("k-3", "{\"amount\":2}"), context);

    assertThat(other.getStatusCode()).isEqualTo(422);
    assertProblem(other.getHeaders(), other.getBody(), 422, HttpProblems.KEY_REUSED);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aMissingKeyIs400WithAProblemAndNothingIsStored() {
    APIGatewayProxyResponseEvent response = rest().handleRequest(post(null, "{}"), context);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertProblem(response.getHeaders(), response.getBody(), 400, HttpProblems.KEY_MISSING);
    assertThat(runs).hasValue(0);
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void withoutARequiredKeyAMissingKeyRunsUnprotected() {
    var handler =
        once.http(HttpConfig.builder().keyRequired(false).build())
            .restApi((request, ctx) -> created(request));

    handler.handleRequest(post(null, "{}"), context);
    handler.handleRequest(post(null, "{}"), context);

    assertThat(runs).hasValue(2);
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"open",
        "\"a\", \"b\"",
        "a b",
        "\"\"",
        "\"bad\\escape\"",
        "k;v",
      })
  void anUnreadableKeyIs400AndNothingIsStored(String field) {
    APIGatewayProxyResponseEvent response = rest().handleRequest(post(field, "{}"), context);

    assertThat(response.getStatusCode()).as(field).isEqualTo(400);
    assertProblem(response.getHeaders(), response.getBody(), 400, HttpProblems.KEY_UNREADABLE);
    assertThat(runs).hasValue(0);
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void aKeyPathOverABodyThatIsNotJsonOrLacksTheKeyIs400NeverAnError() {
    var handler =
        once.http(HttpConfig.builder().keyPath("powertools_json(body).orderId").build())
            .restApi((request, ctx) -> created(request));

    APIGatewayProxyResponseEvent notJson = handler.handleRequest(post(null, "order 1"), context);
    APIGatewayProxyResponseEvent noKey = handler.handleRequest(post(null, "{\"x\":1}"), context);
    APIGatewayProxyResponseEvent noBody = handler.handleRequest(post(null, null), context);
    handler.handleRequest(post(null, "{\"orderId\":\"o-1\"}"), context);
    APIGatewayProxyResponseEvent again =
        handler.handleRequest(post(null, "{\"orderId\":\"o-1\"}"), context);

    assertThat(notJson.getStatusCode()).isEqualTo(400);
    assertProblem(notJson.getHeaders(), notJson.getBody(), 400, HttpProblems.KEY_UNREADABLE);
    assertThat(noKey.getStatusCode()).isEqualTo(400);
    assertProblem(noKey.getHeaders(), noKey.getBody(), 400, HttpProblems.KEY_MISSING);
    assertThat(noBody.getStatusCode()).isEqualTo(400);
    assertThat(again.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(runs).hasValue(1);
  }

  @Test
  void aDuplicateWhileTheFirstRunsIs409WithRetryAfter() {
    APIGatewayProxyResponseEvent[] inner = new APIGatewayProxyResponseEvent[1];
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>[] handler =
        new RequestHandler[1];
    handler[0] =
        once.http()
            .restApi(
                (request, ctx) -> {
                  if (inner[0] == null) {
                    inner[0] = handler[0].handleRequest(post("k-4", "{}"), ctx);
                  }
                  return created(request);
                });

    handler[0].handleRequest(post("k-4", "{}"), context);

    assertThat(inner[0].getStatusCode()).isEqualTo(409);
    assertThat(inner[0].getHeaders()).containsEntry("Retry-After", "1");
    assertProblem(inner[0].getHeaders(), inner[0].getBody(), 409, HttpProblems.IN_PROGRESS);
  }

  @ParameterizedTest
  @CsvSource({
    "200, true",
    "201, true",
    "204, true",
    "299, true",
    "400, true",
    "404, true",
    "422, true",
    "408, false",
    "409, false",
    "425, false",
    "429, false",
    "500, false",
    "502, false",
    "503, false",
    "301, false",
    "100, false"
  })
  void whichStatusesAreStoredByDefault(int code, boolean stored) {
    assertThat(HttpConfig.storedByDefault(code)).isEqualTo(stored);
    status = code;
    var handler = rest();

    handler.handleRequest(post("k-" + code, "{}"), context);
    APIGatewayProxyResponseEvent again = handler.handleRequest(post("k-" + code, "{}"), context);

    assertThat(runs).hasValue(stored ? 1 : 2);
    assertThat(again.getStatusCode()).isEqualTo(code);
  }

  @Test
  void a5xxIsReleasedAndTheRetryRunsAndIsStored() {
    status = 503;
    var handler = rest();
    APIGatewayProxyResponseEvent failed = handler.handleRequest(post("k-5", "{}"), context);
    status = 201;

    APIGatewayProxyResponseEvent retried = handler.handleRequest(post("k-5", "{}"), context);
    APIGatewayProxyResponseEvent replayed = handler.handleRequest(post("k-5", "{}"), context);

    assertThat(failed.getStatusCode()).isEqualTo(503);
    assertThat(retried.getStatusCode()).isEqualTo(201);
    assertThat(replayed.getBody()).isEqualTo(retried.getBody());
    assertThat(runs).hasValue(2);
  }

  @Test
  void uncoveredMethodsRunWithoutAKey() {
    var handler = rest();
    APIGatewayProxyRequestEvent get = post(null, null).withHttpMethod("GET");

    assertThat(handler.handleRequest(get, context).getStatusCode()).isEqualTo(201);
    assertThat(handler.handleRequest(get, context).getStatusCode()).isEqualTo(201);
    assertThat(runs).hasValue(2);
  }

  @Test
  void keysAreScopedPerRouteAndPerCaller() {
    var handler =
        once.http(HttpConfig.builder().callerHeader("X-Caller").build())
            .restApi((request, ctx) -> created(request));
    APIGatewayProxyRequestEvent a = post("k-6", "{}");
    a.getHeaders().put("x-caller", "alice");
    APIGatewayProxyRequestEvent b = post("k-6", "{}");
    b.getHeaders().put("X-CALLER", "bob");
    APIGatewayProxyRequestEvent otherRoute = post("k-6", "{}").withResource("/refunds");
    otherRoute.getHeaders().put("x-caller", "alice");

    handler.handleRequest(a, context);
    APIGatewayProxyResponseEvent bob = handler.handleRequest(b, context);
    APIGatewayProxyResponseEvent refund = handler.handleRequest(otherRoute, context);

    assertThat(bob.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(refund.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(runs).hasValue(3);
  }

  @Test
  void theReplayMarkerAndDenyListAreConfigurable() {
    var handler =
        once.http(HttpConfig.builder().replayHeader("X-Replayed").deniedHeaders("Location").build())
            .restApi((request, ctx) -> created(request));

    handler.handleRequest(post("k-7", "{}"), context);
    APIGatewayProxyResponseEvent again = handler.handleRequest(post("k-7", "{}"), context);

    assertThat(again.getHeaders())
        .containsEntry("X-Replayed", "true")
        .containsEntry("Set-Cookie", "session=abc")
        .doesNotContainKeys("Location", "Connection", "Idempotent-Replayed");
  }

  @Test
  void httpApiReplaysABase64BodyByteForByteAndDropsCookies() {
    var handler =
        once.http()
            .httpApi(
                (request, ctx) -> {
                  runs.incrementAndGet();
                  APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
                  r.setStatusCode(200);
                  r.setHeaders(Map.of("Content-Type", "application/octet-stream"));
                  r.setCookies(List.of("session=abc"));
                  r.setBody("AAEC/w==");
                  r.setIsBase64Encoded(true);
                  return r;
                });
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setRouteKey("POST /files");
    event.setRawPath("/files");
    event.setHeaders(Map.of("Idempotency-Key", "\"f-1\""));
    event.setBody("AAEC");
    event.setIsBase64Encoded(true);
    event.setRequestContext(
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
            .build());

    APIGatewayV2HTTPResponse first = handler.handleRequest(event, context);
    APIGatewayV2HTTPResponse again = handler.handleRequest(event, context);

    assertThat(runs).hasValue(1);
    assertThat(again.getBody()).isEqualTo("AAEC/w==").isEqualTo(first.getBody());
    assertThat(again.getIsBase64Encoded()).isTrue();
    assertThat(again.getCookies()).isNull();
    assertThat(again.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void albWithMultiValueHeadersAnswersInMultiValueHeaders() {
    var handler =
        once.http()
            .alb(
                (request, ctx) -> {
                  ApplicationLoadBalancerResponseEvent r =
                      new ApplicationLoadBalancerResponseEvent();
                  r.setStatusCode(201);
                  r.setStatusDescription("201 Created");
                  r.setMultiValueHeaders(Map.of("content-type", List.of("text/plain")));
                  r.setBody("run " + runs.incrementAndGet());
                  return r;
                });
    ApplicationLoadBalancerRequestEvent event = new ApplicationLoadBalancerRequestEvent();
    event.setHttpMethod("POST");
    event.setPath("/orders");
    event.setMultiValueHeaders(Map.of("idempotency-key", List.of("a-1")));
    event.setBody("{}");
    ApplicationLoadBalancerRequestEvent missing = new ApplicationLoadBalancerRequestEvent();
    missing.setHttpMethod("POST");
    missing.setPath("/orders");
    missing.setMultiValueHeaders(Map.of("accept", List.of("*/*")));

    handler.handleRequest(event, context);
    ApplicationLoadBalancerResponseEvent again = handler.handleRequest(event, context);
    ApplicationLoadBalancerResponseEvent problem = handler.handleRequest(missing, context);

    assertThat(again.getBody()).isEqualTo("run 1");
    assertThat(again.getStatusDescription()).isEqualTo("201 Created");
    assertThat(again.getMultiValueHeaders()).containsEntry("Idempotent-Replayed", List.of("true"));
    assertThat(problem.getStatusCode()).isEqualTo(400);
    assertThat(problem.getStatusDescription()).isEqualTo("400 Bad Request");
    assertThat(problem.getMultiValueHeaders())
        .containsEntry("Content-Type", List.of("application/problem+json"));
  }

  @Test
  void aHandlerExceptionPassesThroughAndReleasesTheKey() {
    IllegalStateException boom = new IllegalStateException("down");
    var failing =
        once.http()
            .restApi(
                (APIGatewayProxyRequestEvent request,
                    com.amazonaws.services.lambda.runtime.Context ctx) -> {
                  throw boom;
                });

    assertThatThrownBy(() -> failing.handleRequest(post("k-8", "{}"), context)).isSameAs(boom);
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void aBodyMarkedBase64ThatIsNotIs400AndRunsNothing() {
    APIGatewayProxyRequestEvent event = post("k-9", "not base64 !").withIsBase64Encoded(true);

    APIGatewayProxyResponseEvent response = rest().handleRequest(event, context);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(runs).hasValue(0);
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  static void assertProblem(Map<String, String> headers, String body, int status, String code) {
    assertThat(headers).containsEntry("Content-Type", "application/problem+json");
    try {
      JsonNode problem = JSON.readTree(body);
      assertThat(problem.get("status").asInt()).isEqualTo(status);
      assertThat(problem.get("code").asText()).isEqualTo(code);
      assertThat(problem.get("type").asText()).isEqualTo("about:blank");
      assertThat(problem.get("detail").asText()).isNotBlank();
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
