package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.RecordStatus;
import dev.once.spi.StoreOperation;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ListenerEventsTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final InMemoryStore store = new InMemoryStore();
  private final RecordingListener events = new RecordingListener();

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

  @Test
  void missThenHitAndReplay() {
    Idempotency idempotency = builder().build();

    idempotency.call("k", String.class, () -> "r");
    idempotency.call("k", String.class, () -> "r");

    assertThat(events.events()).containsExactly("miss", "hit:COMPLETED", "replay");
    assertThat(events.keys()).hasSize(3).allMatch(k -> k.equals(events.keys().get(0)));
  }

  @Test
  void storeLatencyIsReportedPerOperation() {
    Idempotency idempotency = builder().build();

    idempotency.call("k", String.class, () -> "r");
    idempotency.call("k", String.class, () -> "r");

    assertThat(events.storeOperations())
        .containsExactly(StoreOperation.ACQUIRE, StoreOperation.COMPLETE, StoreOperation.ACQUIRE);
  }

  @Test
  void inProgressIsReported() {
    Idempotency idempotency = builder().build();
    String key = idempotency.keyOf("k");
    holdElsewhere(key, Duration.ofMinutes(1));

    assertThatThrownBy(() -> idempotency.call("k", String.class, () -> "r"))
        .isInstanceOf(InProgressException.class);

    assertThat(events.events()).containsExactly("hit:INPROGRESS", "inProgress");
  }

  @Test
  void waitIsReportedWithItsOutcome() {
    Idempotency idempotency =
        builder().inProgressPolicy(InProgressPolicy.WAIT).maxRunTime(Duration.ofMinutes(1)).build();
    String key = idempotency.keyOf("k");
    holdElsewhere(key, Duration.ofSeconds(1));

    assertThat(idempotency.call("k", String.class, () -> "mine")).isEqualTo("mine");

    assertThat(events.events()).containsExactly("hit:INPROGRESS", "wait", "miss");
    assertThat(clock.sleeps()).isNotEmpty();
  }

  @Test
  void leaseLostIsReportedThrownWithTheResultAndTheNewHolderKeepsTheKey() {
    Idempotency idempotency = builder().maxRunTime(Duration.ofSeconds(10)).build();
    String key = idempotency.keyOf("k");

    Throwable thrown =
        catchThrowable(() -> idempotency.call("k", String.class, () -> lateWork(key)));

    assertThat(thrown).isInstanceOf(LeaseLostException.class);
    LeaseLostException lost = (LeaseLostException) thrown;
    assertThat(lost.key()).isEqualTo(key);
    assertThat(lost.result(String.class)).isEqualTo("late");
    assertThat(lost.rolledBack()).isFalse();
    assertThat(lost.isRetryable()).isTrue();
    assertThat(events.events()).containsExactly("miss", "leaseLost");
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
    String key = idempotency.keyOf("k");

    assertThat(idempotency.call("k", String.class, () -> lateWork(key))).isEqualTo("late");

    assertThat(events.events()).containsExactly("miss", "leaseLost");
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
    String key = idempotency.keyOf("k");
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
    assertThat(events.events()).containsExactly("miss", "leaseLost");
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
