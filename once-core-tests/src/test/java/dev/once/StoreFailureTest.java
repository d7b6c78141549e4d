package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.StoreOperation;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreFailureTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final CountingStore store = new CountingStore();
  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();

  private Idempotency idempotency() {
    return Idempotency.builder(store)
        .clock(clock)
        .sleeper(clock.sleeper())
        .listener(events)
        .build();
  }

  private IdempotencyRecord onlyRecord() {
    List<IdempotencyRecord> records = store.records().list(EnumSet.allOf(RecordStatus.class), 10);
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @Test
  void storeFailingBeforeAcquisitionFailsClosedAndRunsNothing() {
    IllegalStateException cause = new IllegalStateException("connection refused");
    store.failNext(StoreOperation.ACQUIRE, 1, () -> cause);

    Throwable thrown =
        catchThrowable(
            () -> idempotency().call("k", String.class, () -> "r" + runs.incrementAndGet()));

    assertThat(thrown).isInstanceOf(StoreException.class).hasCause(cause);
    assertThat(((StoreException) thrown).isRetryable()).isTrue();
    assertThat(runs).hasValue(0);
  }

  @Test
  void storeExceptionFromAStoreIsPassedOnAsIs() {
    StoreException own = new StoreException("throttled", "k", null);
    store.failNext(StoreOperation.ACQUIRE, 1, () -> own);

    assertThatThrownBy(
            () -> idempotency().call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isSameAs(own);
    assertThat(runs).hasValue(0);
  }

  @Test
  void transientCompletionFailureIsRetried() {
    store.failNext(StoreOperation.COMPLETE, 2, () -> new IllegalStateException("throttled"));

    assertThat(idempotency().call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isEqualTo("r1");

    assertThat(store.calls(StoreOperation.COMPLETE)).isEqualTo(3);
    assertThat(clock.sleeps()).hasSize(2);
    assertThat(onlyRecord().status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(events.events()).doesNotContain("completionFailed");
    assertThat(idempotency().call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isEqualTo("r1");
  }

  @Test
  void exhaustedCompletionRetriesReturnTheResultAndReportIt() {
    store.failNext(StoreOperation.COMPLETE, 100, () -> new IllegalStateException("down"));

    assertThat(idempotency().call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isEqualTo("r1");

    assertThat(store.calls(StoreOperation.COMPLETE)).isEqualTo(6); // one try, five retries
    assertThat(events.events()).contains("completionFailed");
    assertThat(events.completionFailures().get(0)).hasRootCauseMessage("down");
    assertThat(onlyRecord().status()).isEqualTo(RecordStatus.INPROGRESS);
  }

  @Test
  void throwingPermanentFailurePredicateNeitherReplacesTheUserExceptionNorHoldsTheKey() {
    IllegalStateException predicateBug = new IllegalStateException("predicate bug");
    Idempotency idempotency =
        Idempotency.builder(store)
            .clock(clock)
            .permanentFailures(
                e -> {
                  throw predicateBug;
                })
            .build();
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    Throwable thrown = FailingCalls.thrownBy(idempotency, "k", boom);

    assertThat(thrown).isSameAs(boom);
    assertThat(boom.getSuppressed()).containsExactly(predicateBug);
    assertThat(store.records().list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void releaseFailingOnceIsRetriedAndFreesTheKey() {
    store.failNext(StoreOperation.RELEASE, 1, () -> new IllegalStateException("release failed"));
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    Throwable thrown = FailingCalls.thrownBy(idempotency(), "k", boom);

    assertThat(thrown).isSameAs(boom);
    assertThat(boom.getSuppressed()).isEmpty();
    assertThat(store.calls(StoreOperation.RELEASE)).isEqualTo(2);
    assertThat(store.records().size()).isZero();
  }

  @Test
  void failedReleaseIsAttachedToTheUserException() {
    store.failNext(StoreOperation.RELEASE, 100, () -> new IllegalStateException("release failed"));
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    Throwable thrown = FailingCalls.thrownBy(idempotency(), "k", boom);

    assertThat(thrown).isSameAs(boom);
    assertThat(boom.getSuppressed()).hasSize(1);
    assertThat(boom.getSuppressed()[0])
        .isInstanceOf(StoreException.class)
        .hasRootCauseMessage("release failed");
  }
}
