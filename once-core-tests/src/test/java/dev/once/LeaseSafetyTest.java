package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.StoreOperation;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The work never starts without a live lease, and nothing is left held by a failed call. */
class LeaseSafetyTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final CountingStore store = new CountingStore();
  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();

  private Idempotency.Builder builder() {
    return Idempotency.builder(store)
        .clock(clock)
        .sleeper(clock.sleeper())
        .scheduler(clock.scheduler())
        .listener(events);
  }

  private List<IdempotencyRecord> records() {
    return store.records().list(EnumSet.allOf(RecordStatus.class), 10);
  }

  private String work() {
    return "r" + runs.incrementAndGet();
  }

  @Test
  void aRemainingTimeUnderTheMinimumRunTimeIsRefusedBeforeAnyWrite() {
    Idempotency idempotency = builder().minRunTime(Duration.ofMillis(200)).build();

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "k", ResultType.of(String.class), Duration.ofNanos(500_000), this::work));

    assertThat(thrown).isInstanceOf(LeaseTooShortException.class);
    assertThat(((LeaseTooShortException) thrown).isRetryable()).isTrue();
    assertThat(runs).hasValue(0);
    assertThat(store.calls()).isZero();
  }

  @Test
  void anAcquireAnsweredTooLateReleasesTheKeyAndRunsNothing() {
    CountingStore slow =
        new CountingStore() {
          @Override
          public AcquireResult acquire(AcquireRequest request) {
            AcquireResult result = super.acquire(request);
            clock.advance(Duration.ofMillis(2_900)); // the answer arrives after the lease is spent
            return result;
          }
        };
    Idempotency idempotency =
        Idempotency.builder(slow).clock(clock).sleeper(clock.sleeper()).listener(events).build();

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "k", ResultType.of(String.class), Duration.ofSeconds(3), this::work));

    assertThat(thrown).isInstanceOf(LeaseTooShortException.class);
    assertThat(((LeaseTooShortException) thrown).left()).isEqualTo(Duration.ofMillis(100));
    assertThat(runs).hasValue(0);
    assertThat(slow.records().size()).as("the key is released").isZero();
    assertThat(events.events()).doesNotContain("miss");
  }

  @Test
  void anAcquireWhoseWriteLandedButWhoseAnswerWasLostIsReleased() {
    CountingStore lossy =
        new CountingStore() {
          @Override
          public AcquireResult acquire(AcquireRequest request) {
            super.acquire(request);
            throw new StoreException("read timed out", request.key(), null);
          }
        };
    Idempotency idempotency = Idempotency.builder(lossy).clock(clock).build();

    assertThatThrownBy(() -> idempotency.call("k", String.class, this::work))
        .isInstanceOf(StoreException.class)
        .hasMessage("read timed out");

    assertThat(runs).hasValue(0);
    assertThat(lossy.records().size()).as("no ghost hold").isZero();
    assertThat(lossy.calls(StoreOperation.RELEASE)).isEqualTo(1);
  }

  @Test
  void aFailedGhostReleaseIsAttachedToTheStoreError() {
    store.failNext(StoreOperation.ACQUIRE, 1, () -> new IllegalStateException("down"));
    store.failNext(StoreOperation.RELEASE, 1, () -> new IllegalStateException("still down"));
    Idempotency idempotency = builder().build();

    Throwable thrown = catchThrowable(() -> idempotency.call("k", String.class, this::work));

    assertThat(thrown).isInstanceOf(StoreException.class).hasRootCauseMessage("down");
    assertThat(thrown.getSuppressed()).hasSize(1);
    assertThat(thrown.getSuppressed()[0]).hasRootCauseMessage("still down");
  }

  @Test
  void aPermanentFailureTooLargeToStoreReleasesTheKey() {
    Idempotency idempotency = builder().permanentFailures(e -> true).maxResultBytes(64).build();
    IllegalArgumentException declined = new IllegalArgumentException("x".repeat(500));

    Throwable thrown = FailingCalls.thrownBy(idempotency, "k", declined);

    assertThat(thrown).isSameAs(declined);
    assertThat(declined.getSuppressed())
        .singleElement()
        .isInstanceOf(ResultTooLargeException.class);
    assertThat(records()).as("nothing stuck in progress").isEmpty();
  }

  @Test
  void aPermanentFailureThatCannotBeStoredReleasesTheKey() {
    store.failNext(StoreOperation.COMPLETE, 100, () -> new IllegalStateException("down"));
    Idempotency idempotency = builder().permanentFailures(e -> true).build();
    IllegalArgumentException declined = new IllegalArgumentException("declined");

    Throwable thrown = FailingCalls.thrownBy(idempotency, "k", declined);

    assertThat(thrown).isSameAs(declined);
    assertThat(declined.getSuppressed()).singleElement().isInstanceOf(StoreException.class);
    assertThat(records()).as("nothing stuck in progress").isEmpty();
  }

  @Test
  void aRetriedReleaseWhoseFirstDeleteLandedIsNoLostLease() {
    CountingStore landsThenFails =
        new CountingStore() {
          private final AtomicInteger releases = new AtomicInteger();

          @Override
          public ReleaseOutcome release(String key, String lease) {
            ReleaseOutcome outcome = super.release(key, lease);
            if (releases.incrementAndGet() == 1) {
              throw new StoreException("answer lost", key, null);
            }
            return outcome;
          }
        };
    Idempotency idempotency =
        Idempotency.builder(landsThenFails)
            .clock(clock)
            .sleeper(clock.sleeper())
            .listener(events)
            .build();
    IllegalStateException boom = new IllegalStateException("boom");

    Throwable thrown = FailingCalls.thrownBy(idempotency, "k", boom);

    assertThat(thrown).isSameAs(boom);
    assertThat(boom.getSuppressed()).isEmpty();
    assertThat(events.events()).containsExactly("miss").doesNotContain("leaseLost");
  }

  @Test
  void longWorkRenewsItsLeaseSoNoDuplicateTakesItOver() {
    Idempotency idempotency = builder().maxRunTime(Duration.ofSeconds(30)).build();
    String key = idempotency.keyOf("k");
    AtomicInteger duplicateRuns = new AtomicInteger();

    String result =
        idempotency.call(
            "k",
            String.class,
            () -> {
              for (int i = 0; i < 12; i++) {
                clock.advance(Duration.ofSeconds(10)); // two minutes in all: four leases' worth
                assertThatThrownBy(
                        () ->
                            idempotency.call(
                                "k", String.class, () -> "dup" + duplicateRuns.incrementAndGet()))
                    .isInstanceOf(InProgressException.class);
              }
              return work();
            });

    assertThat(result).isEqualTo("r1");
    assertThat(duplicateRuns).hasValue(0);
    assertThat(events.events()).contains("leaseRenewed").doesNotContain("leaseLost");
    assertThat(store.records().find(key).orElseThrow().status()).isEqualTo(RecordStatus.COMPLETED);
    int extensions = store.calls(StoreOperation.EXTEND);
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.calls(StoreOperation.EXTEND))
        .as("renewal stops with the work")
        .isEqualTo(extensions);
    clock.advance(Duration.ofMinutes(2));
    assertThat(clock.pendingTasks()).as("the idle sweep stops too").isZero();
  }

  @Test
  void renewalStopsAtTheCallersDeadline() {
    Idempotency idempotency = builder().maxRunTime(Duration.ofSeconds(30)).build();
    String key = idempotency.keyOf("k");

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "k",
                    ResultType.of(String.class),
                    Duration.ofSeconds(60),
                    () -> {
                      clock.advance(Duration.ofSeconds(20));
                      clock.advance(Duration.ofSeconds(20));
                      clock.advance(Duration.ofSeconds(20)); // the caller's deadline
                      clock.advance(Duration.ofSeconds(1));
                      store
                          .records()
                          .acquire(
                              new AcquireRequest(
                                  key,
                                  "next",
                                  null,
                                  clock.instant(),
                                  Duration.ofSeconds(30),
                                  Duration.ofHours(1)));
                      return work();
                    }));

    assertThat(events.events()).contains("leaseRenewed");
    assertThat(thrown).isInstanceOf(LeaseLostException.class);
    assertThat(store.records().find(key).orElseThrow().lease())
        .as("the lease was never extended past the deadline")
        .isEqualTo("next");
  }

  @Test
  void withoutRenewalLongWorkLosesItsLease() {
    Idempotency idempotency =
        builder().maxRunTime(Duration.ofSeconds(30)).leaseRenewal(false).build();

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "k",
                    String.class,
                    () -> {
                      clock.advance(Duration.ofSeconds(31));
                      return idempotency.call("k", String.class, () -> "taken over");
                    }));

    assertThat(thrown).isInstanceOf(LeaseLostException.class);
    assertThat(events.events()).doesNotContain("leaseRenewed");
  }
}
