package dev.once.internal;

import dev.once.IdempotencyListener;
import dev.once.InProgressException;
import dev.once.Sleeper;
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
   * @throws InProgressException when the caller's deadline is nearly spent, or the thread is
   *     interrupted
   */
  IdempotencyRecord untilSettled(
      IdempotencyRecord inProgress, Instant deadline, Instant waitStart) {
    Duration margin = margin(waitStart, deadline);
    Backoff backoff = Backoff.forPolling();
    IdempotencyRecord current = inProgress;
    while (true) {
      Duration pause = backoff.next();
      if (!clock.instant().plus(pause).isBefore(deadline.minus(margin)) || !pause(pause)) {
        listener.onInProgress(current.key());
        listener.onWait(current.key(), Duration.between(waitStart, clock.instant()));
        throw new InProgressException(current.key(), current.inProgressExpiresAt());
      }
      Optional<IdempotencyRecord> found = store.find(current.key());
      if (found.isEmpty() || !found.get().isLive(clock.instant())) {
        return null;
      }
      current = found.get();
      if (current.status() != RecordStatus.INPROGRESS) {
        return current;
      }
    }
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
