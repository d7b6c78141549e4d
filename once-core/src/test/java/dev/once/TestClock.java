package dev.once;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told, and a sleeper that moves it. The testkit has the full one;
 * core's tests keep this small copy because the testkit depends on core.
 */
final class TestClock extends Clock {

  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  private final List<Due> scheduled = new CopyOnWriteArrayList<>();

  /** Moves the clock, then runs the scheduled tasks that came due, on this thread. */
  void advance(Duration duration) {
    Instant reached = now.updateAndGet(t -> t.plus(duration));
    for (Due due : scheduled) {
      if (!due.at.isAfter(reached) && scheduled.remove(due)) {
        due.task.run();
      }
    }
  }

  /** A scheduler on this clock: tasks run when {@link #advance} reaches them. */
  Scheduler scheduler() {
    return (delay, task) -> {
      Due due = new Due(now.get().plus(delay), task);
      scheduled.add(due);
      return () -> scheduled.remove(due);
    };
  }

  int pendingTasks() {
    return scheduled.size();
  }

  private record Due(Instant at, Runnable task) {}

  void set(Instant instant) {
    now.set(instant);
  }

  /** Sleeps by advancing this clock; every pause is remembered. */
  Sleeper sleeper() {
    return d -> {
      sleeps.add(d);
      advance(d);
    };
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock stays in UTC");
  }
}
