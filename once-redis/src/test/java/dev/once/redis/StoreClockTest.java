package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.LeaseLostException;
import dev.once.redis.testing.RedisServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.TimeSource;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link TimeSource#STORE}: the server's clock judges expiry, so two engines whose clocks are
 * minutes apart share one store and never take over each other's live records. Each test also runs
 * the same steps on the caller's clock, where the skewed engine does take over: the check can fail.
 */
class StoreClockTest {

  private static final Duration SKEW = Duration.ofMinutes(10);
  private static final Duration MAX_RUN = Duration.ofMinutes(15);

  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();

  private Idempotency engine(RedisStore store, FakeClock clock) {
    return Idempotency.builder(store)
        .keyPrefix("skew")
        .maxRunTime(MAX_RUN)
        .clock(clock)
        .sleeper(clock.sleeper())
        .listener(events)
        .build();
  }

  private static RedisStore store(TimeSource time) {
    return Stores.builder(Stores.singleClient()).timeSource(time).build();
  }

  /** A clock {@code offset} away from the real one, standing still. */
  private static FakeClock clockAt(Duration offset) {
    return new FakeClock(Instant.now().plus(offset));
  }

  /**
   * Behind acquires; while its work runs, ahead — 20 minutes later by its own clock — calls the
   * same key. Returns what ahead's call threw (null when it ran the work) and what behind's threw.
   */
  private Throwable[] aheadCallsWhileBehindRuns(TimeSource time) {
    RedisStore store = store(time);
    Idempotency behind = engine(store, clockAt(SKEW.negated()));
    Idempotency ahead = engine(store, clockAt(SKEW));
    AtomicReference<Throwable> seenByAhead = new AtomicReference<>();

    Throwable seenByBehind =
        catchThrowable(
            () ->
                behind.call(
                    "order-1",
                    String.class,
                    () -> {
                      seenByAhead.set(
                          catchThrowable(
                              () ->
                                  ahead.call(
                                      "order-1",
                                      String.class,
                                      () -> "a" + runs.incrementAndGet())));
                      return "b" + runs.incrementAndGet();
                    }));

    return new Throwable[] {seenByAhead.get(), seenByBehind};
  }

  @Test
  void anEngineMinutesAheadDoesNotTakeOverALiveRecord() {
    Throwable[] seen = aheadCallsWhileBehindRuns(TimeSource.STORE);

    assertThat(seen[0]).isInstanceOf(InProgressException.class);
    assertThat(seen[1]).isNull();
    assertThat(runs).hasValue(1);
  }

  @Test
  void onTheCallersClockTheSameSkewTakesTheRecordOver() {
    Throwable[] seen = aheadCallsWhileBehindRuns(TimeSource.CALLER);

    assertThat(seen[0]).isNull(); // ahead ran the work too: its clock put the lease in the past
    assertThat(seen[1]).isInstanceOf(LeaseLostException.class);
    assertThat(runs).hasValue(2);
  }

  @Test
  void anEngineMinutesBehindReplaysWhatTheOtherCompleted() {
    RedisStore store = store(TimeSource.STORE);
    Idempotency ahead = engine(store, clockAt(SKEW));
    Idempotency behind = engine(store, clockAt(SKEW.negated()));

    String first = ahead.call("order-2", String.class, () -> "r" + runs.incrementAndGet());
    String second = behind.call("order-2", String.class, () -> "r" + runs.incrementAndGet());

    assertThat(first).isEqualTo("r1");
    assertThat(second).isEqualTo("r1");
    assertThat(runs).hasValue(1);
  }

  @Test
  void aRequestFromAClockAnHourAheadIsJudgedByTheServer() {
    RedisStore store = store(TimeSource.STORE);
    Instant now = Instant.now();
    Duration lease = Duration.ofSeconds(30);
    Duration expiry = Duration.ofMinutes(5);
    store.acquire(new AcquireRequest("key", "first", null, now, lease, expiry));

    AcquireResult late =
        store.acquire(
            new AcquireRequest(
                "key", "second", null, now.plus(Duration.ofHours(1)), lease, expiry));

    assertThat(late).isInstanceOf(AcquireResult.Existing.class);
    assertThat(((AcquireResult.Existing) late).record().lease()).isEqualTo("first");
    assertThat(store.timeSource()).isEqualTo(TimeSource.STORE);
  }

  @Test
  void recordTimesComeFromTheServerClockNotTheRequest() {
    RedisStore store = store(TimeSource.STORE);
    Instant yearsAgo = Instant.parse("2001-01-01T00:00:00Z");
    long before = serverMillis();

    store.acquire(
        new AcquireRequest(
            "key", "l", null, yearsAgo, Duration.ofSeconds(30), Duration.ofMinutes(5)));

    long after = serverMillis();
    var record = store.find("key").orElseThrow();
    assertThat(record.inProgressExpiresAt().toEpochMilli())
        .isBetween(before + 30_000, after + 30_001);
    assertThat(record.expiresAt().getEpochSecond())
        .isBetween(before / 1000 + 300, after / 1000 + 301);
  }

  private static long serverMillis() {
    return RedisServer.shared().time().toEpochMilli();
  }
}
