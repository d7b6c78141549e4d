package dev.once.examples.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.lambda.IdempotentBatch;
import dev.once.lambda.LambdaIdempotency;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The example stream function: orders arrive as Kinesis records (the data is the order's JSON) and
 * each order is charged once. Handler string: {@code
 * dev.once.examples.payment.KinesisOrderPaymentHandler::handleRequest}; the event source mapping
 * needs {@code ReportBatchItemFailures}, and the SAM template bounds its retries and sends what
 * still fails to an on-failure destination. A poison record (no order id, data that is not JSON) is
 * skipped and logged rather than left to block its shard.
 */
public final class KinesisOrderPaymentHandler
    implements RequestHandler<KinesisEvent, StreamsEventResponse> {

  /** The key: the order id inside the record's data. */
  public static final String KEY_PATH = "powertools_json(powertools_base64(kinesis.data)).orderId";

  private final IdempotentBatch batch;
  private final Ledger ledger;

  /** What Lambda calls: configured from the environment, at cold start. */
  public KinesisOrderPaymentHandler() {
    this(System.getenv(), DynamoDbStore.defaultClient());
  }

  private KinesisOrderPaymentHandler(Map<String, String> environment, DynamoDbClient client) {
    this(idempotency(environment, client), OrderPaymentHandler.ledger(environment, client));
  }

  /** Over any setup and ledger. */
  public KinesisOrderPaymentHandler(LambdaIdempotency once, Ledger ledger) {
    this.batch = once.batch();
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    return batch.kinesis(
        event,
        context,
        record -> OrderPayment.charge(ledger, OrderPaymentHandler.order(text(record))));
  }

  private static String text(KinesisEvent.KinesisEventRecord record) {
    ByteBuffer data = record.getKinesis().getData().duplicate();
    return StandardCharsets.UTF_8.decode(data).toString();
  }

  /** Once for this function: the order id in the data, operation {@code pay}. */
  public static LambdaIdempotency idempotency(
      Map<String, String> environment, DynamoDbClient client) {
    return OrderPaymentHandler.idempotency(environment, client, KEY_PATH);
  }
}
