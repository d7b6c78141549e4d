package dev.once.examples.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.lambda.LambdaIdempotency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The example function with a pause inside its work, after the key is acquired and before the
 * charge, for the end-to-end tests. The event says how long: {@code "pauseUntil"} names a file the
 * work waits for (at most {@code "maxPauseMillis"}, default 60 s); {@code "failAfterPause": true}
 * makes it throw once it wakes. An event without {@code pauseUntil} runs at once. Same key, table
 * and ledger as {@link OrderPaymentHandler}, so both handlers see each other's records.
 */
public final class PausingOrderPaymentHandler
    implements RequestHandler<Map<String, Object>, Receipt> {

  private final RequestHandler<Map<String, Object>, Receipt> handler;

  public PausingOrderPaymentHandler() {
    Map<String, String> env = System.getenv();
    DynamoDbClient client = DynamoDbStore.defaultClient();
    LambdaIdempotency once = OrderPaymentHandler.idempotency(env, client);
    Ledger ledger = OrderPaymentHandler.ledger(env, client);
    this.handler =
        once.wrap(
            Receipt.class,
            (event, context) -> {
              pause(event);
              Receipt receipt = OrderPayment.charge(ledger, OrderPaymentHandler.order(event));
              if (Boolean.TRUE.equals(event.get("failAfterPause"))) {
                throw new IllegalStateException("failed after the pause, as the event asked");
              }
              return receipt;
            });
  }

  @Override
  public Receipt handleRequest(Map<String, Object> event, Context context) {
    return handler.handleRequest(event, context);
  }

  private static void pause(Map<String, Object> event) {
    Object until = event.get("pauseUntil");
    if (until == null) {
      return;
    }
    Path file = Path.of(until.toString());
    Object max = event.get("maxPauseMillis");
    long end =
        System.nanoTime()
            + Duration.ofMillis(max == null ? 60_000 : ((Number) max).longValue()).toNanos();
    while (!Files.exists(file) && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
