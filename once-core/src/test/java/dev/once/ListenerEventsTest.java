package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.RecordStatus;
import dev.once.spi.StoreOperation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ListenerEventsTest {

  private final TestClock clock = new TestClock();
  private final InMemoryStore store = new InMemoryStore();
  private final Events events = new Events();

  private Idempotency.Builder builder() {
    return Idempotency.builder(store).clock(clock).sleeper(clock.sleeper()).listener(events);
  }

  /** Another holder takes {@code key} with its own lease. */
  private void holdElsewhere(String key, Duration lease) {
    Instant now = clock.instant();
    assertThat(
            store.acquire(new AcquireRequest(key, "other", null, now, lease, Duration.ofHours(1))))
        .isEqualTo(AcquireResult.acquired());
  }

  private String keyOf(Idempotency idempotency, String input) {
    idempotency.call(input, String.class, () -> "probe");
    String key = events.lastKey();
    store.purge(key);
    events.clear();
    return key;
  }

  @Test
  void missThenHitAndReplay() {
    Idempotency idempotency = builder().build();

    idempotency.call("k", String.class, () -> "r");
    idempotency.call("k", String.class, () -> "r");

    assertThat(events.names()).containsExactly("miss", "hit:COMPLETED", "replay");
    assertThat(events.keys).hasSize(3).allMatch(k -> k.equals(events.keys.get(0)));
  }

  @Test
  void storeLatencyIsReportedPerOperation() {
    Idempotency idempotency = builder().build();

    idempotency.call("k", String.class, () -> "r");
    idempotency.call("k", String.class, () -> "r");

    assertThat(events.storeCalls)
        .containsExactly(StoreOperation.ACQUIRE, StoreOperation.COMPLETE, StoreOperation.ACQUIRE);
  }

  @Test
  void inProgressIsReported() {
    Idempotency idempotency = builder().build();
    String key = keyOf(idempotency, "k");
    holdElsewhere(key, Duration.ofMinutes(1));

    assertThatThrownBy(() -> idempotency.call("k", String.class, () -> "r"))
        .isInstanceOf(InProgressException.class);

    assertThat(events.names()).containsExactly("hit:INPROGRESS", "inProgress");
  }

  @Test
  void waitIsReportedWithItsOutcome() {
    Idempotency idempotency =
        builder().inProgressPolicy(InProgressPolicy.WAIT).maxRunTime(Duration.ofMinutes(1)).build();
    String key = keyOf(idempotency, "k");
    holdElsewhere(key, Duration.ofSeconds(1));

    assertThat(idempotency.call("k", String.class, () -> "mine")).isEqualTo("mine");

    assertThat(events.names()).containsExactly("hit:INPROGRESS", "wait", "miss");
    assertThat(clock.sleeps()).isNotEmpty();
  }

  @Test
  void leaseLostIsReportedThrownWithTheResultAndTheNewHolderKeepsTheKey() {
    Idempotency idempotency = builder().maxRunTime(Duration.ofSeconds(10)).build();
    String key = keyOf(idempotency, "k");

    Throwable thrown =
        catchThrowable(() -> idempotency.call("k", String.class, () -> lateWork(key)));

    assertThat(thrown).isInstanceOf(LeaseLostException.class);
    LeaseLostException lost = (LeaseLostException) thrown;
    assertThat(lost.key()).isEqualTo(key);
    assertThat(lost.result(String.class)).isEqualTo("late");
    assertThat(lost.rolledBack()).isFalse();
    assertThat(lost.isRetryable()).isTrue();
    assertThat(events.names()).containsExactly("miss", "leaseLost");
    assertThat(store.find(key).orElseThrow().lease()).isEqualTo("other");
    assertThat(store.find(key).orElseThrow().status()).isEqualTo(RecordStatus.INPROGRESS);
  }

  @Test
  void leaseLostReturnsTheResultWhenTheCallerOptsIn() {
    Idempotency idempotency =
        builder()
            .maxRunTime(Duration.ofSeconds(10))
            .leaseLostPolicy(LeaseLostPolicy.RETURN_RESULT)
            .build();
    String key = keyOf(idempotency, "k");

    assertThat(idempotency.call("k", String.class, () -> lateWork(key))).isEqualTo("late");

    assertThat(events.names()).containsExactly("miss", "leaseLost");
    assertThat(store.find(key).orElseThrow().lease()).isEqualTo("other");
  }

  /** Work that overruns its 10 s lease, during which another holder takes the key. */
  private String lateWork(String key) {
    clock.advance(Duration.ofSeconds(11));
    holdElsewhere(key, Duration.ofMinutes(1));
    return "late";
  }

  @Test
  void leaseLostOnReleaseIsReportedAndTheUserExceptionStillThrown() {
    Idempotency idempotency = builder().maxRunTime(Duration.ofSeconds(10)).build();
    String key = keyOf(idempotency, "k");
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                idempotency.call(
                    "k",
                    String.class,
                    () -> {
                      clock.advance(Duration.ofSeconds(11));
                      holdElsewhere(key, Duration.ofMinutes(1));
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(events.names()).containsExactly("miss", "leaseLost");
    assertThat(store.find(key).orElseThrow().lease()).isEqualTo("other");
  }

  @Test
  void aThrowingListenerDoesNotBreakTheCall() {
    Idempotency idempotency =
        Idempotency.builder(store)
            .listener(
                new IdempotencyListener() {
                  @Override
                  public void onMiss(String key) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .build();

    assertThat(idempotency.call("k", String.class, () -> "r")).isEqualTo("r");
  }
}
