package dev.once.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.once.InMemoryStore;
import dev.once.lambda.InvalidEnvironmentException;
import dev.once.lambda.LambdaConfig;
import dev.once.lambda.LambdaIdempotency;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example handlers in this JVM, over an in-memory store and ledger. */
class OrderPaymentHandlerTest {

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final LambdaIdempotency once =
      LambdaIdempotency.builder()
          .config(LambdaConfig.builder().keyPath(OrderPayment.keyPath()).build())
          .store(new InMemoryStore())
          .operation("pay")
          .build();

  @Test
  void chargesOncePerOrderAndRepliesTheFirstReceipt() {
    OrderPaymentHandler handler = new OrderPaymentHandler(once, ledger);
    Map<String, Object> event =
        Map.of("orderId", "o-1", "customerId", "c-1", "amountCents", 1999, "currency", "EUR");

    Receipt first = handler.handleRequest(event, null);
    Receipt again = handler.handleRequest(event, null);

    assertThat(again).isEqualTo(first);
    assertThat(first.amountCents()).isEqualTo(1999);
    assertThat(ledger.charges("o-1")).isEqualTo(1);
  }

  @Test
  void anEventThatIsNotAnOrderFailsAndChargesNothing() {
    OrderPaymentHandler handler = new OrderPaymentHandler(once, ledger);

    assertThatThrownBy(
            () -> handler.handleRequest(Map.of("orderId", "o-1", "amountCents", 0), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amountCents");
    assertThat(ledger.totalCharges()).isZero();
  }

  @Test
  void theStreamFunctionChargesOncePerOrderAndSkipsAPoisonRecord() {
    KinesisOrderPaymentHandler handler =
        new KinesisOrderPaymentHandler(
            LambdaIdempotency.builder()
                .config(LambdaConfig.builder().keyPath(KinesisOrderPaymentHandler.KEY_PATH).build())
                .store(new InMemoryStore())
                .build(),
            ledger);
    KinesisEvent event = new KinesisEvent();
    event.setRecords(
        List.of(
            record("100", "{\"orderId\":\"o-1\",\"amountCents\":100}"),
            record("101", "not an order"),
            record("102", "{\"orderId\":\"o-1\",\"amountCents\":100}"),
            record("103", "{\"orderId\":\"o-2\",\"amountCents\":200}")));

    StreamsEventResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(ledger.chargesPerOrder()).containsExactly(Map.entry("o-1", 1), Map.entry("o-2", 1));
  }

  private static KinesisEvent.KinesisEventRecord record(String sequence, String data) {
    KinesisEvent.Record kinesis = new KinesisEvent.Record();
    kinesis.setSequenceNumber(sequence);
    kinesis.setData(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));
    KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
    r.setEventID("shardId-000:" + sequence);
    r.setKinesis(kinesis);
    return r;
  }

  @Test
  void aMissingLedgerTableIsATypedError() {
    assertThatThrownBy(() -> OrderPaymentHandler.ledger(Map.of(), null))
        .isInstanceOfSatisfying(
            InvalidEnvironmentException.class,
            e -> assertThat(e.variable()).isEqualTo("LEDGER_TABLE"));
  }
}
