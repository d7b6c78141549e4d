package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaseTimingTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final InMemoryStore store = new InMemoryStore();

  private IdempotencyRecord onlyRecord() {
    List<IdempotencyRecord> records = store.list(EnumSet.allOf(RecordStatus.class), 10);
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @Test
  void inProgressRecordNeverExpiresBeforeItsLeaseEnds() {
    clock.set(START.plusMillis(900));
    Idempotency idempotency =
        Idempotency.builder(store)
            .clock(clock)
            .expiry(Duration.ofMillis(1_050))
            .maxRunTime(Duration.ofSeconds(1))
            .build();
    AtomicInteger runs = new AtomicInteger();

    idempotency.call(
        "k",
        String.class,
        () -> {
          runs.incrementAndGet();
          IdempotencyRecord mine = onlyRecord();
          assertThat(mine.expiresAt()).isAfterOrEqualTo(mine.inProgressExpiresAt());
          clock.advance(Duration.ofMillis(200)); // past the second mark, within the lease
          assertThatThrownBy(() -> idempotency.call("k", String.class, () -> "second"))
              .isInstanceOf(InProgressException.class);
          return "first";
        });

    assertThat(runs).hasValue(1);
  }

  @Test
  void leaseIsTheRemainingTimeWhenGiven() {
    Idempotency idempotency = Idempotency.builder(store).clock(clock).build();

    idempotency.call(
        "k",
        ResultType.of(String.class),
        Duration.ofMillis(2_345),
        () -> {
          assertThat(onlyRecord().inProgressExpiresAt()).isEqualTo(START.plusMillis(2_345));
          return "r";
        });
  }

  @Test
  void leaseIsTheMaxRunTimeOtherwise() {
    Idempotency idempotency =
        Idempotency.builder(store).clock(clock).maxRunTime(Duration.ofSeconds(42)).build();

    idempotency.call(
        "k",
        String.class,
        () -> {
          assertThat(onlyRecord().inProgressExpiresAt()).isEqualTo(START.plusSeconds(42));
          return "r";
        });
  }

  @Test
  void completedRecordExpiresAfterTheExpiryWindow() {
    Idempotency idempotency =
        Idempotency.builder(store).clock(clock).expiry(Duration.ofMinutes(10)).build();
    idempotency.call("k", String.class, () -> "r");

    assertThat(onlyRecord().expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(10));
    assertThat(idempotency.call("k", String.class, () -> "after expiry")).isEqualTo("after expiry");
  }

  @Test
  void aSubSecondExpiryStillOutlivesTheCompletion() {
    Idempotency idempotency =
        Idempotency.builder(store).clock(clock).expiry(Duration.ofMillis(500)).build();
    clock.advance(Duration.ofMillis(700)); // now is not on a whole second

    idempotency.call("k", String.class, () -> "r");

    // Rounded up to the second, never down to before the window ends.
    assertThat(onlyRecord().expiresAt())
        .isAfterOrEqualTo(START.plusMillis(1200))
        .isEqualTo(START.plusSeconds(2));
    assertThat(idempotency.call("k", String.class, () -> "again")).isEqualTo("r");
  }
}
