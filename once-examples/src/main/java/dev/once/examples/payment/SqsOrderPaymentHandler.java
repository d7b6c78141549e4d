package dev.once.examples.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.lambda.IdempotentBatch;
import dev.once.lambda.LambdaIdempotency;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The example batch function: orders arrive as SQS messages (the body is the order's JSON), and
 * each order is charged once, however often it is sent or delivered. Handler string: {@code
 * dev.once.examples.payment.SqsOrderPaymentHandler::handleRequest}; the event source mapping needs
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}.
 *
 * <p>The key is the order id in the body ({@code powertools_json(body).orderId}), so a second
 * message for the same order is a duplicate too, not only a redelivered message. Messages that
 * fail, or whose order is in progress elsewhere, are reported in {@code batchItemFailures}.
 */
public final class SqsOrderPaymentHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** The key: the order id inside the message body. */
  public static final String KEY_PATH = "powertools_json(body).orderId";

  private final IdempotentBatch batch;
  private final Ledger ledger;

  /** What Lambda calls: configured from the environment, at cold start. */
  public SqsOrderPaymentHandler() {
    this(System.getenv(), DynamoDbStore.defaultClient());
  }

  private SqsOrderPaymentHandler(Map<String, String> environment, DynamoDbClient client) {
    this(idempotency(environment, client), OrderPaymentHandler.ledger(environment, client));
  }

  /** Over any setup and ledger. */
  public SqsOrderPaymentHandler(LambdaIdempotency once, Ledger ledger) {
    this.batch = once.batch();
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return batch.sqs(
        event,
        context,
        message -> OrderPayment.charge(ledger, OrderPaymentHandler.order(message.getBody())));
  }

  /** Once for this function: the order id in the body, operation {@code pay}. */
  public static LambdaIdempotency idempotency(
      Map<String, String> environment, DynamoDbClient client) {
    return OrderPaymentHandler.idempotency(environment, client, KEY_PATH);
  }
}
