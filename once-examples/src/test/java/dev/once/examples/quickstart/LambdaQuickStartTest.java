package dev.once.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.lambda.LambdaIdempotency;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The README's Lambda and HTTP quick starts, compiled and run against dynalite: a handler made
 * idempotent in two Once statements. {@link #theReadmeShowsTheseHandlersLineForLine} keeps the
 * README's copies in step with the code here.
 */
@ExtendWith(DynaliteExtension.class)
class LambdaQuickStartTest {

  record Receipt(String orderId, int charge) {}

  static final AtomicInteger CHARGES = new AtomicInteger();

  static Receipt charge(Map<String, Object> event) {
    return new Receipt((String) event.get("orderId"), CHARGES.incrementAndGet());
  }

  // --- README: Lambda quick start ---
  public static final class PayHandler implements RequestHandler<Map<String, Object>, Receipt> {

    private final RequestHandler<Map<String, Object>, Receipt> pay;

    public PayHandler(Map<String, String> environment, DynamoDbClient client) {
      LambdaIdempotency once =
          LambdaIdempotency.fromEnvironment(
              environment,
              table -> DynamoDbStore.builder().client(client).tableName(table).build());
      this.pay = once.wrap(Receipt.class, (event, context) -> charge(event));
    }

    @Override
    public Receipt handleRequest(Map<String, Object> event, Context context) {
      return pay.handleRequest(event, context);
    }
  }

  // --- end ---

  static APIGatewayProxyResponseEvent createOrder(APIGatewayProxyRequestEvent request) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(201)
        .withBody("{\"order\":" + CHARGES.incrementAndGet() + "}");
  }

  // --- README: HTTP quick start ---
  public static final class OrdersHandler
      implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> orders;

    public OrdersHandler(Map<String, String> environment, DynamoDbClient client) {
      LambdaIdempotency once =
          LambdaIdempotency.fromEnvironment(
              environment,
              table -> DynamoDbStore.builder().client(client).tableName(table).build());
      this.orders = once.http().restApi((request, context) -> createOrder(request));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(
        APIGatewayProxyRequestEvent request, Context context) {
      return orders.handleRequest(request, context);
    }
  }

  // --- end ---

  @Test
  void anHttpDuplicateIsReplayedAndTheTableOfStatusesHolds(DynaliteServer dynalite) {
    DynamoDbStore.builder()
        .client(dynalite.client())
        .tableName("quickstart-http")
        .build()
        .createTable();
    OrdersHandler handler =
        new OrdersHandler(Map.of("ONCE_TABLE", "quickstart-http"), dynalite.client());
    int before = CHARGES.get();

    APIGatewayProxyResponseEvent first = handler.handleRequest(post("k-1", "{\"n\":1}"), null);
    APIGatewayProxyResponseEvent again = handler.handleRequest(post("k-1", "{\"n\":1}"), null);
    APIGatewayProxyResponseEvent reused = handler.handleRequest(post("k-1", "{\"n\":2}"), null);
    APIGatewayProxyResponseEvent missing = handler.handleRequest(post(null, "{}"), null);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(again.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(reused.getStatusCode()).isEqualTo(422);
    assertThat(missing.getStatusCode()).isEqualTo(400);
    assertThat(CHARGES.get() - before).isEqualTo(1);
  }

  private static APIGatewayProxyRequestEvent post(String key, String body) {
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withResource("/orders")
        .withPath("/orders")
        .withHeaders(key == null ? Map.of() : Map.of("Idempotency-Key", key))
        .withBody(body);
  }

  @Test
  void aDuplicateEventGetsTheFirstReceiptAndChargesOnce(DynaliteServer dynalite) {
    DynamoDbStore.builder().client(dynalite.client()).tableName("quickstart").build().createTable();
    PayHandler handler =
        new PayHandler(
            Map.of("ONCE_TABLE", "quickstart", "ONCE_KEY_PATH", "orderId"), dynalite.client());
    int before = CHARGES.get();

    Receipt first = handler.handleRequest(Map.of("orderId", "o-qs", "note", "a"), null);
    Receipt again = handler.handleRequest(Map.of("orderId", "o-qs", "note", "b"), null);

    assertThat(again).isEqualTo(first);
    assertThat(CHARGES.get() - before).isEqualTo(1);
  }

  @Test
  void theReadmeShowsTheseHandlersLineForLine() throws IOException {
    String readme = lines(Files.readString(Path.of("../README.md")));
    String source =
        Files.readString(
            Path.of("src/test/java/dev/once/examples/quickstart/LambdaQuickStartTest.java"));

    for (String part : List.of("Lambda quick start", "HTTP quick start")) {
      int start = source.indexOf("// --- README: " + part + " ---");
      int end = source.indexOf("// --- end ---", start);
      String snippet = source.substring(source.indexOf('\n', start) + 1, end);
      // nested here, top-level in the README
      String topLevel = snippet.replace("public static final class", "public final class");
      assertThat(readme).as(part).contains(lines(topLevel));
    }
  }

  /** The non-blank lines of {@code text}, without their indentation. */
  private static String lines(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
