package dev.once.examples.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.lambda.IdempotentBatch;
import dev.once.lambda.LambdaConfig;
import dev.once.lambda.LambdaIdempotency;
import java.util.Map;

/**
 * The SQS example with a setup mistake a user makes: a customizer that sets a key function on a
 * batch that already has a key path. It must fail the cold start, not every record.
 */
public final class MisconfiguredSqsOrderPaymentHandler
    implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final IdempotentBatch batch;

  public MisconfiguredSqsOrderPaymentHandler() {
    Map<String, String> env = System.getenv();
    LambdaIdempotency once =
        LambdaIdempotency.builder()
            .config(LambdaConfig.fromEnvironment(env))
            .storeForTable(
                t ->
                    DynamoDbStore.builder()
                        .client(DynamoDbStore.defaultClient())
                        .tableName(t)
                        .build())
            .customize(b -> b.keyFunction(message -> "everything"))
            .build();
    this.batch = once.batch();
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return batch.sqs(event, context, message -> {});
  }
}
