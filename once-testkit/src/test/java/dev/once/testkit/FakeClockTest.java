package dev.once.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void movesOnlyWhenTold() {
    FakeClock clock = new FakeClock(START);

    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.advance(Duration.ofMillis(1500))).isEqualTo(START.plusMillis(1500));
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli() + 1500);
  }

  @Test
  void sleeperAdvancesTheClockAndReturnsAtOnce() throws Exception {
    FakeClock clock = new FakeClock(START);

    clock.sleeper().sleep(Duration.ofHours(3));

    assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(3)));
  }

  @Test
  void sleeperHonoursAndClearsAnInterrupt() {
    FakeClock clock = new FakeClock(START);
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> clock.sleeper().sleep(Duration.ofSeconds(1)))
        .isInstanceOf(InterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void doesNotGoBack() {
    FakeClock clock = new FakeClock(START);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> clock.set(START.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    clock.set(START.plusSeconds(5));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(5));
  }

  @Test
  void zonedViewSharesTheTime() {
    FakeClock clock = new FakeClock(START);
    java.time.Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(1));

    assertThat(paris.instant()).isEqualTo(START.plusSeconds(60));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void concurrentAdvancesAreNotLost() throws Exception {
    FakeClock clock = new FakeClock(START);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 1000; i++) {
                    clock.advance(Duration.ofMillis(1));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(clock.instant()).isEqualTo(START.plusMillis(8000));
  }
}
