package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayHookTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final InMemoryStore store = new InMemoryStore();
  private final List<Replay> replays = new ArrayList<>();

  private Idempotency.Builder builder() {
    return Idempotency.builder(store)
        .clock(clock)
        .sleeper(clock.sleeper())
        .expiry(Duration.ofMinutes(10))
        .replayHook(
            (result, replay) -> {
              replays.add(replay);
              return result + " (replayed)";
            });
  }

  @Test
  void aFirstRunIsReturnedAsComputedAndEveryReplayThroughTheHook() {
    Idempotency idempotency = builder().build();

    String first = idempotency.call("k", String.class, () -> "receipt");
    clock.advance(Duration.ofSeconds(30));
    String again = idempotency.call("k", String.class, () -> "other");

    assertThat(first).isEqualTo("receipt");
    assertThat(again).isEqualTo("receipt (replayed)");
    assertThat(replays).hasSize(1);
    Replay replay = replays.get(0);
    assertThat(replay.key()).isEqualTo(idempotency.keyOf("k"));
    assertThat(replay.fromLocalCache()).isFalse();
    assertThat(replay.storedAt()).isBetween(START, START.plusSeconds(1));
    assertThat(replay.expiresAt()).isEqualTo(replay.storedAt().plus(Duration.ofMinutes(10)));
  }

  @Test
  void aReplayFromTheLocalCacheSaysSo() {
    Idempotency idempotency = builder().localCache(10).build();

    idempotency.call("k", String.class, () -> "receipt");
    String again = idempotency.call("k", String.class, () -> "other");

    assertThat(again).isEqualTo("receipt (replayed)");
    assertThat(replays).extracting(Replay::fromLocalCache).containsExactly(true);
  }

  @Test
  void aStoredPermanentFailureIsRethrownWithoutTheHook() {
    Idempotency idempotency =
        builder().permanentFailures(e -> e instanceof IllegalArgumentException).build();
    assertThatThrownBy(
            () ->
                idempotency.call(
                    "k",
                    String.class,
                    () -> {
                      throw new IllegalArgumentException("declined");
                    }))
        .isInstanceOf(IllegalArgumentException.class);

    assertThatThrownBy(() -> idempotency.call("k", String.class, () -> "x"))
        .isInstanceOf(StoredFailureException.class);
    assertThat(replays).isEmpty();
  }
}
