package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.spi.IdempotencyRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Idempotency#keyOf} names exactly the record a call writes. */
class KeyOfTest {

  record Order(String orderId, long amountCents) {}

  @Test
  void isTheKeyACallStoresItsRecordUnder() {
    InMemoryStore store = new InMemoryStore();
    Idempotency idempotency =
        Idempotency.builder(store).keyPrefix("payments").keyPath("orderId").build();
    Order order = new Order("o-1", 100);

    idempotency.call(order, String.class, () -> "done");

    String key = idempotency.keyOf(order);
    assertThat(key).startsWith("payments#");
    assertThat(store.find(key)).map(IdempotencyRecord::key).contains(key);
    assertThat(idempotency.keyOf(Map.of("orderId", "o-1", "other", 1))).isEqualTo(key);
    assertThat(idempotency.keyOf(new Order("o-2", 100))).isNotEqualTo(key);
  }

  @Test
  void aMissingKeyIsAnErrorEvenWhenCallsWouldRunUnprotected() {
    Idempotency idempotency =
        Idempotency.builder(new InMemoryStore())
            .keyPath("orderId")
            .missingKeyPolicy(MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY)
            .build();

    assertThatThrownBy(() -> idempotency.keyOf(Map.of("id", "x")))
        .isInstanceOf(MissingKeyException.class)
        .hasMessageContaining("orderId");
  }
}
