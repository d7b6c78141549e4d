package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.spi.IdempotencyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The README's quick start, compiled and run: keep the two in step. */
class QuickStartTest {

  record Order(String orderId, long amountCents) {}

  record Receipt(String orderId, String chargeId) {}

  private final AtomicInteger charges = new AtomicInteger();

  private Receipt charge(Order order) {
    return new Receipt(order.orderId(), "ch_" + charges.incrementAndGet());
  }

  @Test
  void aDuplicateGetsTheFirstReceiptAndChargesNothing() {
    // --- README: quick start ---
    IdempotencyStore store = new InMemoryStore(); // DynamoDbStore in production
    Idempotency idempotency =
        Idempotency.builder(store)
            .keyPrefix("payments.charge") // the operation: several can share a store
            .keyPath("orderId") // JMESPath over the input's JSON form
            .expiry(Duration.ofHours(1))
            .build();

    Order order = new Order("order-42", 1999);
    Receipt first = idempotency.call(order, Receipt.class, () -> charge(order));
    Receipt again = idempotency.call(order, Receipt.class, () -> charge(order)); // replayed
    // --- end ---

    assertThat(again).isEqualTo(first);
    assertThat(charges).hasValue(1);
  }

  @Test
  void aDecoratedFunctionTakesItsKeyFromItsInput() {
    Idempotency idempotency =
        Idempotency.builder(new InMemoryStore())
            .keyPrefix("payments.charge")
            .keyPath("orderId")
            .build();

    // --- README: decorate ---
    Function<Order, Receipt> pay = idempotency.decorate(Receipt.class, this::charge);
    Receipt first = pay.apply(new Order("order-7", 500));
    Receipt again = pay.apply(new Order("order-7", 500));
    // --- end ---

    assertThat(again).isEqualTo(first);
    assertThat(charges).hasValue(1);
  }
}
