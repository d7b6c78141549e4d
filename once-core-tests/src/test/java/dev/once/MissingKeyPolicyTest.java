package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.testkit.RecordingListener;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MissingKeyPolicyTest {

  private final CountingStore store = new CountingStore();
  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void failIsTheDefaultAndNothingRuns() {
    Idempotency idempotency =
        Idempotency.builder(store).keyPath("orderId").listener(events).build();

    assertThatThrownBy(
            () ->
                idempotency.call(
                    Map.of("other", 1), String.class, () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(MissingKeyException.class)
        .hasMessageContaining("orderId");
    assertThat(runs).hasValue(0);
    assertThat(store.calls()).isZero();
  }

  @Test
  void multiSelectOfAbsentFieldsIsMissing() {
    Idempotency idempotency = Idempotency.builder(store).keyPath("[a, b]").build();

    assertThatThrownBy(() -> idempotency.call(Map.of("c", 1), String.class, () -> "r"))
        .isInstanceOf(MissingKeyException.class);
  }

  @Test
  void runWithoutIdempotencyRunsEveryTimeAndReportsIt() {
    Idempotency idempotency =
        Idempotency.builder(store)
            .keyPath("orderId")
            .missingKeyPolicy(MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY)
            .listener(events)
            .build();

    assertThat(
            idempotency.call(Map.of("other", 1), String.class, () -> "r" + runs.incrementAndGet()))
        .isEqualTo("r1");
    assertThat(
            idempotency.call(Map.of("other", 1), String.class, () -> "r" + runs.incrementAndGet()))
        .isEqualTo("r2");
    assertThat(events.events()).containsExactly("missingKey", "missingKey");
    assertThat(store.calls()).isZero();
  }

  @Test
  void aPresentKeyIsStillProtectedUnderRunWithoutIdempotency() {
    Idempotency idempotency =
        Idempotency.builder(store)
            .keyPath("orderId")
            .missingKeyPolicy(MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY)
            .build();

    idempotency.call(Map.of("orderId", "o"), String.class, () -> "r" + runs.incrementAndGet());
    idempotency.call(Map.of("orderId", "o"), String.class, () -> "r" + runs.incrementAndGet());

    assertThat(runs).hasValue(1);
  }
}
