package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.LeaseLostException;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Work that runs far longer than one lease, outside Lambda (no remaining time): its lease is
 * extended by a conditional {@code UpdateItem} while it runs, so a duplicate arriving long after
 * the first lease would have ended still finds the key in progress. The engine's clock and
 * scheduler are a fake, so renewals happen exactly as the clock moves, against a real dynalite.
 */
@ExtendWith(DynaliteExtension.class)
class LeaseRenewalTest {

  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration WORK = Duration.ofSeconds(12);

  private final DynaliteServer dynalite;
  private final FakeClock clock = FakeClock.startingNow();
  private final RecordingListener events = new RecordingListener();

  LeaseRenewalTest(DynaliteServer dynalite) {
    this.dynalite = dynalite;
  }

  private Idempotency instance(DynamoDbStore store, boolean renew, RecordingListener listener) {
    return Idempotency.builder(store)
        .keyPrefix("renewal")
        .clock(clock)
        .sleeper(clock.sleeper())
        .scheduler(clock.scheduler())
        .maxRunTime(LEASE)
        .leaseRenewal(renew)
        .listener(listener)
        .build();
  }

  /** What a duplicate on another instance met while the long work ran, after four leases. */
  private record Outcome(
      Throwable duplicate, Throwable first, int runs, IdempotencyRecord during) {}

  private Outcome longCall(boolean renew) {
    DynamoDbStore store = Tables.freshStore(dynalite);
    Idempotency first = instance(store, renew, events);
    Idempotency second = instance(store, renew, new RecordingListener());
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<Throwable> duplicate = new AtomicReference<>();
    AtomicReference<IdempotencyRecord> during = new AtomicReference<>();
    Throwable firstOutcome =
        catchThrowable(
            () ->
                first.call(
                    "report-7",
                    String.class,
                    () -> {
                      runs.incrementAndGet();
                      for (Duration ran = Duration.ZERO;
                          ran.compareTo(WORK) < 0;
                          ran = ran.plusMillis(500)) {
                        clock.advance(Duration.ofMillis(500)); // renewals run as time passes
                      }
                      during.set(store.find(first.keyOf("report-7")).orElseThrow());
                      duplicate.set(
                          catchThrowable(
                              () ->
                                  second.call(
                                      "report-7",
                                      String.class,
                                      () -> "duplicate run " + runs.incrementAndGet())));
                      return "report";
                    }));
    return new Outcome(duplicate.get(), firstOutcome, runs.get(), during.get());
  }

  @Test
  void longWorkKeepsItsKeyByRenewingTheLease() {
    Instant start = clock.instant();

    Outcome outcome = longCall(true);

    assertThat(outcome.first()).as("the long call completes").isNull();
    assertThat(outcome.duplicate()).isInstanceOf(InProgressException.class);
    assertThat(outcome.runs()).isEqualTo(1);
    assertThat(events.events()).contains("leaseRenewed").doesNotContain("leaseLost");
    assertThat(outcome.during().status()).isEqualTo(RecordStatus.INPROGRESS);
    assertThat(outcome.during().inProgressExpiresAt())
        .as("the lease end written by the last renewal")
        .isAfter(start.plus(WORK));
    assertThat(events.keys()).isNotEmpty();
  }

  @Test
  void withoutRenewalTheDuplicateTakesTheKeyOver() {
    // The premise of the test above: the work outlives its lease and the skew tolerance, so
    // without renewals the key is taken over and the work runs twice.
    Outcome outcome = longCall(false);

    assertThat(outcome.duplicate()).isNull();
    assertThat(outcome.runs()).isEqualTo(2);
    assertThat(outcome.first()).isInstanceOf(LeaseLostException.class);
  }
}
