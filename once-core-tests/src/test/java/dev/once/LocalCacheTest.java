package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalCacheTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final CountingStore store = new CountingStore();
  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();

  private Idempotency cached() {
    return Idempotency.builder(store)
        .clock(clock)
        .sleeper(clock.sleeper())
        .expiry(Duration.ofMinutes(1))
        .localCache(100)
        .listener(events)
        .build();
  }

  @Test
  void aCacheHitMakesNoStoreCall() {
    Idempotency idempotency = cached();
    idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet());
    int before = store.calls();

    assertThat(idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isEqualTo("r1");

    assertThat(store.calls()).isEqualTo(before);
    assertThat(events.events()).endsWith("replay:cache");
    assertThat(runs).hasValue(1);
  }

  @Test
  void aReplayFromTheStoreFillsTheCache() {
    cached().call("k", String.class, () -> "r" + runs.incrementAndGet());
    Idempotency other = cached(); // a second instance: its cache is empty

    other.call("k", String.class, () -> "x");
    int before = store.calls();
    other.call("k", String.class, () -> "x");

    assertThat(store.calls()).isEqualTo(before);
  }

  @Test
  void expiryIsHonoured() {
    Idempotency idempotency = cached();
    idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet());
    clock.advance(Duration.ofSeconds(59));
    assertThat(idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isEqualTo("r1");
    int before = store.calls();

    clock.advance(Duration.ofSeconds(2)); // past the one-minute expiry

    assertThat(idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isEqualTo("r2");
    assertThat(store.calls()).isGreaterThan(before);
  }

  @Test
  void withoutACacheEveryReplayAsksTheStore() {
    Idempotency idempotency = Idempotency.builder(store).clock(clock).build();
    idempotency.call("k", String.class, () -> "r");
    int before = store.calls();

    idempotency.call("k", String.class, () -> "r");

    assertThat(store.calls()).isEqualTo(before + 1);
  }
}
