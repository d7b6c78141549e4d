package dev.once.examples.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.lambda.InvalidEnvironmentException;
import dev.once.lambda.LambdaConfig;
import dev.once.lambda.LambdaIdempotency;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The example function behind AWS Lambda: charges an order once, however often its event is
 * delivered. Handler string: {@code dev.once.examples.payment.OrderPaymentHandler::handleRequest}.
 *
 * <p>The event is the order as JSON ({@code {"orderId":"o-1","customerId":"c-1","amountCents":
 * 1999,"currency":"EUR"}}); the response is the {@link Receipt}. The key is the order id (unless
 * {@code ONCE_KEY_PATH} says otherwise); records live in the DynamoDB table {@code ONCE_TABLE};
 * charges land in the DynamoDB table {@code LEDGER_TABLE}, one item per charge (see {@link
 * DynamoDbLedger}). Both tables come with the SAM template, {@code once-examples/template.yaml}.
 *
 * <p>The event type is a map because the Lambda runtime's own JSON reader does not build Java
 * records; the map is turned into an {@link Order} here.
 */
public final class OrderPaymentHandler implements RequestHandler<Map<String, Object>, Receipt> {

  /** The ledger table's variable. */
  public static final String LEDGER_TABLE = "LEDGER_TABLE";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final RequestHandler<Map<String, Object>, Receipt> handler;

  /** What Lambda calls: configured from the environment, at cold start. */
  public OrderPaymentHandler() {
    this(System.getenv());
  }

  /** Configured from {@code environment}: {@code ONCE_*} and {@code LEDGER_TABLE}. */
  public OrderPaymentHandler(Map<String, String> environment) {
    this(environment, DynamoDbStore.defaultClient());
  }

  private OrderPaymentHandler(Map<String, String> environment, DynamoDbClient client) {
    this(idempotency(environment, client), ledger(environment, client));
  }

  /** Over any setup and ledger: tests use an in-memory store and ledger. */
  public OrderPaymentHandler(LambdaIdempotency once, Ledger ledger) {
    Objects.requireNonNull(ledger, "ledger");
    // The whole integration: the plain charge, made idempotent.
    this.handler =
        once.wrap(Receipt.class, (event, context) -> OrderPayment.charge(ledger, order(event)));
  }

  @Override
  public Receipt handleRequest(Map<String, Object> event, Context context) {
    return handler.handleRequest(event, context);
  }

  /**
   * Once for this function: key path {@code orderId} by default, operation {@code pay}, records in
   * the DynamoDB table {@code ONCE_TABLE}.
   */
  public static LambdaIdempotency idempotency(
      Map<String, String> environment, DynamoDbClient client) {
    return idempotency(environment, client, OrderPayment.keyPath());
  }

  /**
   * Once for an example function keyed on {@code keyPath} by default ({@code null}: none),
   * operation {@code pay}.
   */
  static LambdaIdempotency idempotency(
      Map<String, String> environment, DynamoDbClient client, String keyPath) {
    LambdaConfig.Builder config = LambdaConfig.builder();
    if (keyPath != null) {
      config.keyPath(keyPath);
    }
    return LambdaIdempotency.builder()
        .config(config.environment(environment).build())
        .storeForTable(table -> DynamoDbStore.builder().client(client).tableName(table).build())
        .operation("pay")
        .build();
  }

  /** The ledger in the DynamoDB table {@code LEDGER_TABLE}. */
  public static DynamoDbLedger ledger(Map<String, String> environment, DynamoDbClient client) {
    String table = environment.get(LEDGER_TABLE);
    if (table == null || table.isBlank()) {
      throw new InvalidEnvironmentException(LEDGER_TABLE, table, "the ledger table's name", null);
    }
    return new DynamoDbLedger(client, table.strip());
  }

  /**
   * The order in an event.
   *
   * @throws IllegalArgumentException when the event is not an order
   */
  public static Order order(Map<String, Object> event) {
    return JSON.convertValue(event, Order.class);
  }

  /** The order in a JSON text (an SQS message body). */
  static Order order(String json) {
    try {
      return JSON.readValue(json, Order.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not an order: " + e.getOriginalMessage(), e);
    }
  }
}
