package dev.once;

import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Waiting on a key in progress: poll with backoff until it settles or the deadline nears. */
final class Waiting {

  private static final Duration MAX_MARGIN = Duration.ofSeconds(1);

  private final TimedStore store;
  private final IdempotencyListener listener;
  private final Clock clock;
  private final Sleeper sleeper;

  Waiting(TimedStore store, IdempotencyListener listener, Clock clock, Sleeper sleeper) {
    this.store = store;
    this.listener = listener;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Polls until the record is finished (returned) or free to take over ({@code null}).
   *
   * <p>A store call cannot be interrupted, so each poll is started only if it can end before the
   * deadline's margin, on the assumption that it takes as long as the slowest store call of this
   * wait (the acquisition that found the record included): the last pause is shortened to fit, and
   * when no poll fits any more the wait ends at once. The deadline can then be overrun only by a
   * poll slower than every call before it, by the difference.
   *
   * @param lastCall how long the store call that found {@code inProgress} took
   * @throws InProgressException when the caller's deadline is nearly spent, or the thread is
   *     interrupted
   */
  IdempotencyRecord untilSettled(
      IdempotencyRecord inProgress, Instant deadline, Instant waitStart, Duration lastCall) {
    Instant stop = deadline.minus(margin(waitStart, deadline));
    Backoff backoff = Backoff.forPolling();
    Duration slowest = lastCall;
    IdempotencyRecord current = inProgress;
    while (true) {
      Duration left = Duration.between(clock.instant(), stop).minus(slowest);
      Duration pause = shorter(backoff.next(), left);
      if (left.isNegative() || left.isZero() || !pause(pause)) {
        throw givingUp(current, waitStart);
      }
      Instant sent = clock.instant();
      Optional<IdempotencyRecord> found = store.find(current.key());
      Instant answered = clock.instant();
      slowest = longer(slowest, Duration.between(sent, answered));
      if (found.isEmpty() || !found.get().isLive(answered)) {
        return null;
      }
      current = found.get();
      if (current.status() != RecordStatus.INPROGRESS) {
        return current;
      }
    }
  }

  private InProgressException givingUp(IdempotencyRecord current, Instant waitStart) {
    listener.onInProgress(current.key());
    listener.onWait(current.key(), Duration.between(waitStart, clock.instant()));
    return new InProgressException(current.key(), current.inProgressExpiresAt());
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Sleeps; false when interrupted (the interrupt flag is restored). */
  boolean pause(Duration pause) {
    try {
      sleeper.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stop waiting this long before the deadline: a tenth of the wait budget, at most a second. */
  private static Duration margin(Instant waitStart, Instant deadline) {
    Duration tenth = Duration.between(waitStart, deadline).dividedBy(10);
    return tenth.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : tenth;
  }
}
