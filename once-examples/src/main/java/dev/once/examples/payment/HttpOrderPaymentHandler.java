package dev.once.examples.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.lambda.LambdaIdempotency;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The example function behind API Gateway (a REST API, {@code POST /orders}): the client sends the
 * order as JSON with an {@code Idempotency-Key} header, and the order is charged once per key,
 * however often the client retries. Handler string: {@code
 * dev.once.examples.payment.HttpOrderPaymentHandler::handleRequest}.
 *
 * <p>Answers: 201 with the {@link Receipt}; 400 when the body is not an order (stored, like any
 * 4xx: the same request gets the same answer); 503 when the ledger cannot be reached (not stored:
 * the retry charges). Once adds its own 400 (no key), 409 (in progress) and 422 (the key reused for
 * another order); a replay carries {@code Idempotent-Replayed: true}.
 */
public final class HttpOrderPaymentHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;

  /** What Lambda calls: configured from the environment, at cold start. */
  public HttpOrderPaymentHandler() {
    this(Deployment.fromEnvironment());
  }

  private HttpOrderPaymentHandler(Deployment deployment) {
    this(deployment.once(), deployment.ledger());
  }

  /** Over any setup and ledger. */
  public HttpOrderPaymentHandler(LambdaIdempotency once, Ledger ledger) {
    Objects.requireNonNull(ledger, "ledger");
    // The whole integration: the plain charge behind HTTP, made idempotent by its header.
    this.handler =
        once.http()
            .restApi(
                (request, context) -> {
                  Answer answer = answer(ledger, request.getBody());
                  return new APIGatewayProxyResponseEvent()
                      .withStatusCode(answer.status())
                      .withHeaders(Map.of("Content-Type", answer.contentType()))
                      .withBody(answer.body());
                });
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent request, Context context) {
    return handler.handleRequest(request, context);
  }

  /**
   * What a deployed HTTP handler builds at cold start, whatever its event source: Once and the
   * ledger, from the environment ({@code ONCE_TABLE}, the ledger's table).
   */
  record Deployment(LambdaIdempotency once, Ledger ledger) {

    static Deployment fromEnvironment() {
      Map<String, String> environment = System.getenv();
      DynamoDbClient client = DynamoDbStore.defaultClient();
      return new Deployment(
          OrderPaymentHandler.idempotency(environment, client, null),
          OrderPaymentHandler.ledger(environment, client));
    }

    /** Charges the order in {@code body}. */
    Answer charge(String body) {
      return answer(ledger, body);
    }
  }

  /**
   * The plain work behind any HTTP source: charge the order in {@code body}.
   *
   * @param status 201, 400 or 503
   */
  record Answer(int status, String contentType, String body) {}

  static Answer answer(Ledger ledger, String body) {
    Order order;
    try {
      order = OrderPaymentHandler.order(body == null ? "" : body);
    } catch (IllegalArgumentException e) {
      return problem(400, "Bad Request", "the body is not an order: " + e.getMessage());
    }
    Receipt receipt;
    try {
      receipt = OrderPayment.charge(ledger, order);
    } catch (RuntimeException e) {
      return problem(503, "Service Unavailable", "the ledger cannot be reached; retry later");
    }
    try {
      return new Answer(201, "application/json", JSON.writeValueAsString(receipt));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a receipt is always JSON", e);
    }
  }

  private static Answer problem(int status, String title, String detail) {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    return new Answer(status, "application/problem+json", problem.toString());
  }
}
