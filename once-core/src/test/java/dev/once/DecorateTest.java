package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DecorateTest {

  record Order(String orderId, long cents) {}

  record Receipt(String orderId, long cents, int attempt) {}

  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void decoratedFunctionRunsOncePerKeyAndReplaysTheTypedResult() {
    Idempotency idempotency = Idempotency.builder(new InMemoryStore()).keyPath("orderId").build();
    Function<Order, Receipt> pay =
        idempotency.decorate(
            Receipt.class,
            order -> new Receipt(order.orderId(), order.cents(), runs.incrementAndGet()));

    Receipt first = pay.apply(new Order("o-1", 500));
    Receipt duplicate = pay.apply(new Order("o-1", 500));
    Receipt other = pay.apply(new Order("o-2", 700));

    assertThat(first).isEqualTo(new Receipt("o-1", 500, 1));
    assertThat(duplicate).isEqualTo(first).isNotSameAs(first);
    assertThat(other).isEqualTo(new Receipt("o-2", 700, 2));
    assertThat(runs).hasValue(2);
  }

  @Test
  void genericResultTypesReplay() {
    Idempotency idempotency = Idempotency.builder(new InMemoryStore()).build();
    ResultType<List<Map<String, Integer>>> type = new ResultType<>() {};

    List<Map<String, Integer>> first =
        idempotency.call("k", type, () -> List.of(Map.of("a", runs.incrementAndGet())));
    List<Map<String, Integer>> replay =
        idempotency.call("k", type, () -> List.of(Map.of("a", runs.incrementAndGet())));

    assertThat(replay).isEqualTo(first).isEqualTo(List.of(Map.of("a", 1)));
  }
}
