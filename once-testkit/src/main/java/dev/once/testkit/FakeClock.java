package dev.once.testkit;

import dev.once.Scheduler;
import dev.once.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told: {@link #advance(Duration)} or {@link #set(Instant)}.
 * Its {@link #sleeper()} advances the clock by the requested pause instead of sleeping, so the
 * engine's waits and retries run instantly and deterministically in tests.
 *
 * <p>Thread-safe: the reading is one atomic reference, so concurrent readers and advancers see a
 * consistent, never-decreasing instant.
 */
public final class FakeClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;
  private final List<Due> scheduled;
  private final List<Duration> sleeps;

  /**
   * A clock reading {@code start}, in UTC, that moves only when told to.
   *
   * @param start the first reading; not null
   * @throws NullPointerException if {@code start} is null
   */
  public FakeClock(Instant start) {
    this(
        new AtomicReference<>(Objects.requireNonNull(start, "start")),
        ZoneOffset.UTC,
        new CopyOnWriteArrayList<>(),
        new CopyOnWriteArrayList<>());
  }

  private FakeClock(
      AtomicReference<Instant> now, ZoneId zone, List<Due> scheduled, List<Duration> sleeps) {
    this.now = now;
    this.zone = zone;
    this.scheduled = scheduled;
    this.sleeps = sleeps;
  }

  /**
   * A clock reading the real current time, truncated to the second. Stores whose servers expire
   * data natively (a TTL) then see times close to their own, while the test still controls time.
   *
   * @return a new clock, in UTC, with no scheduled tasks
   */
  public static FakeClock startingNow() {
    return new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Moves the clock forward, and runs the {@link #scheduler() scheduled} tasks that fall due, on
   * the calling thread.
   *
   * @param duration how far; zero or positive
   * @return the new reading
   * @throws IllegalArgumentException when {@code duration} is negative
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative but was " + duration);
    }
    Instant reached = now.updateAndGet(current -> current.plus(duration));
    runDue(reached);
    return reached;
  }

  /**
   * A {@link Scheduler} on this clock: a task runs, on the thread that moves the clock, when {@link
   * #advance} or {@link #set} reaches its time. Lease renewals then happen deterministically.
   *
   * @return a scheduler sharing this clock's task list; cancelling a task removes it
   */
  public Scheduler scheduler() {
    return (delay, task) -> {
      Due due = new Due(now.get().plus(delay), task);
      scheduled.add(due);
      return () -> scheduled.remove(due);
    };
  }

  /**
   * How many scheduled tasks have not run nor been cancelled.
   *
   * @return the count of tasks still waiting for their time
   */
  public int pendingTasks() {
    return scheduled.size();
  }

  private void runDue(Instant reached) {
    for (Due due : scheduled) {
      if (!due.at().isAfter(reached) && scheduled.remove(due)) {
        due.task().run();
      }
    }
  }

  private record Due(Instant at, Runnable task) {}

  /**
   * Sets the clock to {@code instant}, which must not be before the current reading, and runs the
   * scheduled tasks that fall due.
   *
   * @param instant the new reading; not null
   * @throws IllegalArgumentException when {@code instant} is in the clock's past
   */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    now.updateAndGet(
        current -> {
          if (instant.isBefore(current)) {
            throw new IllegalArgumentException(
                "a fake clock does not go back: " + instant + " is before " + current);
          }
          return instant;
        });
    runDue(instant);
  }

  /**
   * A sleeper whose {@code sleep(d)} advances this clock by {@code d} and returns at once; every
   * pause is remembered ({@link #sleeps()}).
   *
   * @return a sleeper on this clock
   */
  public Sleeper sleeper() {
    return duration -> {
      if (Thread.interrupted()) {
        // As Thread.sleep does: the flag is cleared and reported by the exception.
        throw new InterruptedException("interrupted before a fake sleep");
      }
      sleeps.add(duration);
      advance(duration);
    };
  }

  /**
   * The pauses the {@link #sleeper()} was asked for, in order: the engine's backoff, as it chose
   * it.
   *
   * @return a copy of the pauses so far
   */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same moving time in another zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new FakeClock(now, Objects.requireNonNull(zone, "zone"), scheduled, sleeps);
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + "]";
  }
}
