package dev.once.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.InMemoryStore;
import dev.once.lambda.InvalidEnvironmentException;
import dev.once.lambda.LambdaConfig;
import dev.once.lambda.LambdaIdempotency;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example handlers in this JVM, over an in-memory store and ledger. */
class OrderPaymentHandlerTest {

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final LambdaIdempotency once =
      LambdaIdempotency.create(
              LambdaConfig.builder().keyPath(OrderPayment.keyPath()).build(), new InMemoryStore())
          .withOperation("pay");

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
  void aMissingLedgerTableIsATypedError() {
    assertThatThrownBy(() -> OrderPaymentHandler.ledger(Map.of(), null))
        .isInstanceOfSatisfying(
            InvalidEnvironmentException.class,
            e -> assertThat(e.variable()).isEqualTo("LEDGER_TABLE"));
  }
}
