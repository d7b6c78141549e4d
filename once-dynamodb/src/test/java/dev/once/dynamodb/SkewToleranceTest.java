package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.LeaseLostException;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances whose clocks disagree share a table on dynalite. DynamoDB has no clock of its own,
 * so each judges expiry by its own; the store's skew tolerance keeps the one running ahead from
 * taking over a lease that is still live.
 */
class SkewToleranceTest {

  private static final Duration LEASE = Duration.ofSeconds(10);
  private static final Duration AHEAD = Duration.ofMillis(1_500);

  /** The two instances' clocks: the second reads {@link #AHEAD} more than the first. */
  private final FakeClock behind = new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  private final FakeClock ahead = new FakeClock(behind.instant().plus(AHEAD));

  private void elapse(Duration duration) {
    behind.advance(duration);
    ahead.advance(duration);
  }

  private Idempotency instance(DynamoDbStore store, FakeClock clock) {
    return Idempotency.builder(store)
        .keyPrefix("skew")
        .clock(clock)
        .sleeper(clock.sleeper())
        .maxRunTime(LEASE)
        .leaseRenewal(false)
        .build();
  }

  /** How many executions ran at once, at most, when the instance ahead calls near the lease end. */
  private int concurrentExecutions(Duration tolerance) {
    DynamoDbStore store =
        Tables.created(
            DynamoDbStore.builder()
                .client(DynaliteServer.shared().client())
                .tableName(Tables.freshName("skew"))
                .clockSkewTolerance(tolerance));
    Idempotency first = instance(store, behind);
    Idempotency second = instance(store, ahead);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    String order = "order-" + tolerance.toMillis();
    try {
      first.call(
          order,
          String.class,
          () -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            // The first lease has 1 s left by its own clock; the clock ahead says it ended 0.5 s
            // ago.
            elapse(LEASE.minusSeconds(1));
            try {
              second.call(
                  order,
                  String.class,
                  () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    running.decrementAndGet();
                    return "second";
                  });
            } catch (InProgressException refused) {
              // the lease is still live: the duplicate must wait
            }
            running.decrementAndGet();
            return "first";
          });
    } catch (LeaseLostException takenOver) {
      // the second instance took the key over and recorded its own result
    }
    return most.get();
  }

  @Test
  void aClockAheadByLessThanTheToleranceDoesNotTakeOverALiveLease() {
    assertThat(concurrentExecutions(Duration.ofSeconds(2))).isEqualTo(1);
  }

  @Test
  void withoutToleranceTheClockAheadTakesOverAndTwoExecutionsOverlap() {
    // The premise of the test above: the skew is real and would break exclusion without it.
    assertThat(concurrentExecutions(Duration.ZERO)).isEqualTo(2);
  }
}
