package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.StoreOperation;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitingTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final CountingStore store = new CountingStore();
  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();

  private Idempotency.Builder builder() {
    return Idempotency.builder(store)
        .clock(clock)
        .sleeper(clock.sleeper())
        .listener(events)
        .maxRunTime(Duration.ofMinutes(1));
  }

  private void holdElsewhere(String key, String validation, Duration lease) {
    Instant now = clock.instant();
    store
        .records()
        .acquire(new AcquireRequest(key, "other", validation, now, lease, Duration.ofHours(1)));
  }

  @Test
  void failFastCostsOneStoreCall() {
    Idempotency idempotency = builder().build();
    String key = idempotency.keyOf("k");
    holdElsewhere(key, null, Duration.ofMinutes(5));
    int before = store.calls();

    assertThatThrownBy(() -> idempotency.call("k", String.class, () -> "r"))
        .isInstanceOf(InProgressException.class);

    assertThat(store.calls() - before).isEqualTo(1);
  }

  @Test
  void failFastAnswersWithoutAStackTraceAndKeepsWhatItSays() {
    Idempotency idempotency = builder().build();
    String key = idempotency.keyOf("k");
    holdElsewhere(key, null, Duration.ofMinutes(5));

    InProgressException inProgress =
        catchThrowableOfType(
            () -> idempotency.call("k", String.class, () -> "r"), InProgressException.class);

    assertThat(inProgress.getStackTrace()).isEmpty();
    assertThat(inProgress.key()).isEqualTo(key);
    assertThat(inProgress.inProgressExpiresAt())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(inProgress.isRetryable()).isTrue();
  }

  @Test
  void waitingPollsWithFindAndBacksOff() {
    Idempotency idempotency = builder().inProgressPolicy(InProgressPolicy.WAIT).build();
    String key = idempotency.keyOf("k");
    holdElsewhere(key, null, Duration.ofSeconds(2));

    assertThat(idempotency.call("k", String.class, () -> "mine")).isEqualTo("mine");

    assertThat(store.calls(StoreOperation.FIND)).isGreaterThan(1);
    assertThat(clock.sleeps().get(0)).isLessThan(clock.sleeps().get(1));
    assertThat(clock.sleeps())
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(200)));
  }

  @Test
  void waitingOnAReleasedKeyTakesItOver() {
    Idempotency idempotency =
        builder()
            .inProgressPolicy(InProgressPolicy.WAIT)
            .sleeper(
                d -> {
                  clock.advance(d);
                  store
                      .records()
                      .find(events.lastKey())
                      .ifPresent(r -> store.records().release(r.key(), "other"));
                })
            .build();
    String key = idempotency.keyOf("k");
    holdElsewhere(key, null, Duration.ofMinutes(5));

    assertThat(idempotency.call("k", String.class, () -> "mine")).isEqualTo("mine");
    assertThat(store.records().find(key).orElseThrow().status()).isEqualTo(RecordStatus.COMPLETED);
  }

  @Test
  void waitingReplaysAStoredFailure() {
    Idempotency idempotency =
        builder()
            .inProgressPolicy(InProgressPolicy.WAIT)
            .sleeper(
                d -> {
                  clock.advance(d);
                  store
                      .records()
                      .complete(
                          new Completion(
                              events.lastKey(),
                              "other",
                              RecordStatus.FAILED,
                              "{\"type\":\"x.Declined\",\"message\":\"no\"}"
                                  .getBytes(StandardCharsets.UTF_8),
                              clock.instant(),
                              Duration.ofSeconds(60)));
                })
            .build();
    String key = idempotency.keyOf("k");
    holdElsewhere(key, null, Duration.ofMinutes(5));

    assertThatThrownBy(
            () -> idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(StoredFailureException.class)
        .hasMessageContaining("x.Declined");
    assertThat(runs).hasValue(0);
  }

  @Test
  void interruptedWaitGivesUpWithInProgressAndKeepsTheInterrupt() {
    Idempotency idempotency =
        builder()
            .inProgressPolicy(InProgressPolicy.WAIT)
            .sleeper(
                d -> {
                  throw new InterruptedException();
                })
            .build();
    String key = idempotency.keyOf("k");
    holdElsewhere(key, null, Duration.ofMinutes(5));

    try {
      assertThatThrownBy(
              () -> idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet()))
          .isInstanceOf(InProgressException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted(); // clear it for the next test
    }
    assertThat(runs).hasValue(0);
  }

  @Test
  void payloadMismatchOnAnInProgressKeyFailsWithoutWaiting() {
    Idempotency idempotency =
        builder()
            .inProgressPolicy(InProgressPolicy.WAIT)
            .keyPath("id")
            .validationPath("amount")
            .build();
    String key = idempotency.keyOf(Map.of("id", "o-1", "amount", 1));
    holdElsewhere(key, "a-different-digest", Duration.ofMinutes(5));

    assertThatThrownBy(
            () ->
                idempotency.call(
                    Map.of("id", "o-1", "amount", 1),
                    String.class,
                    () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(PayloadMismatchException.class);
    assertThat(clock.sleeps()).isEmpty();
    assertThat(runs).hasValue(0);
  }

  @Test
  void payloadMismatchIsCaughtOnACacheHitToo() {
    Idempotency idempotency =
        builder().localCache(10).keyPath("id").validationPath("amount").build();
    idempotency.call(Map.of("id", "o-1", "amount", 1), String.class, () -> "r");
    int before = store.calls();

    assertThatThrownBy(
            () -> idempotency.call(Map.of("id", "o-1", "amount", 2), String.class, () -> "r"))
        .isInstanceOf(PayloadMismatchException.class);
    assertThat(store.calls()).isEqualTo(before);
  }

  /** A store whose calls take {@code took} on the test clock. */
  private final class SlowStore extends CountingStore {
    private final Duration findTakes;
    private final Duration acquireTakes;

    SlowStore(Duration findTakes, Duration acquireTakes) {
      this.findTakes = findTakes;
      this.acquireTakes = acquireTakes;
    }

    @Override
    public AcquireResult acquire(AcquireRequest request) {
      clock.advance(acquireTakes);
      return super.acquire(request);
    }

    @Override
    public Optional<IdempotencyRecord> find(String key) {
      clock.advance(findTakes);
      return super.find(key);
    }
  }

  private Idempotency slowWaiting(SlowStore slow) {
    Idempotency idempotency =
        Idempotency.builder(slow)
            .clock(clock)
            .sleeper(clock.sleeper())
            .listener(events)
            .inProgressPolicy(InProgressPolicy.WAIT)
            .build();
    String key = idempotency.keyOf("k");
    slow.records()
        .acquire(
            new AcquireRequest(
                key, "other", null, clock.instant(), Duration.ofMinutes(5), Duration.ofHours(1)));
    return idempotency;
  }

  @Test
  void aSlowPollIsNotStartedWhenItCouldNotEndBeforeTheDeadline() {
    SlowStore slow = new SlowStore(Duration.ofSeconds(2), Duration.ZERO);
    Idempotency idempotency = slowWaiting(slow);
    Instant start = clock.instant();
    Duration remaining = Duration.ofMillis(2_500);

    assertThatThrownBy(
            () ->
                idempotency.call(
                    "k",
                    ResultType.of(String.class),
                    remaining,
                    () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(InProgressException.class);

    // One poll (2 s) fits in 2.5 s; a second would end at 4 s: it is not started.
    assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(remaining);
    assertThat(slow.calls(StoreOperation.FIND)).isEqualTo(1);
    assertThat(runs).hasValue(0);
  }

  @Test
  void aSlowAcquisitionLeavesNoTimeForAPollAndTheWaitEndsAtOnce() {
    SlowStore slow = new SlowStore(Duration.ofSeconds(2), Duration.ofSeconds(2));
    Idempotency idempotency = slowWaiting(slow);
    Instant start = clock.instant();
    Duration remaining = Duration.ofMillis(2_500);

    assertThatThrownBy(
            () -> idempotency.call("k", ResultType.of(String.class), remaining, () -> "r"))
        .isInstanceOf(InProgressException.class);

    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(2));
    assertThat(slow.calls(StoreOperation.FIND)).isZero();
    assertThat(events.events()).contains("inProgress");
  }

  @Test
  void aPollThatAnswersAfterTheDeadlineEndsTheWaitAtOnce() {
    // No call so far was slow, so the first poll is started; it answers two seconds late.
    SlowStore slow = new SlowStore(Duration.ofSeconds(3), Duration.ZERO);
    Idempotency idempotency = slowWaiting(slow);
    Instant start = clock.instant();

    assertThatThrownBy(
            () ->
                idempotency.call(
                    "k", ResultType.of(String.class), Duration.ofSeconds(1), () -> "r"))
        .isInstanceOf(InProgressException.class);

    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(3_010));
    assertThat(slow.calls(StoreOperation.FIND)).isEqualTo(1);
  }

  @Test
  void theLastPauseIsShortenedSoOneMorePollFitsBeforeTheMargin() {
    SlowStore slow = new SlowStore(Duration.ZERO, Duration.ZERO);
    Idempotency idempotency = slowWaiting(slow);
    Instant start = clock.instant();
    Duration remaining = Duration.ofSeconds(1);

    assertThatThrownBy(
            () -> idempotency.call("k", ResultType.of(String.class), remaining, () -> "r"))
        .isInstanceOf(InProgressException.class);

    // Stops at the margin (a tenth of the wait), not a backoff step before it.
    assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(900));
  }
}
