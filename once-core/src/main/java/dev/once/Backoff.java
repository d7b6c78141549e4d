package dev.once;

import java.time.Duration;

/** Exponential backoff with a cap and an attempt limit. Not thread-safe: one per loop. */
final class Backoff {

  private final Duration max;
  private final int attempts;
  private Duration next;
  private int used;

  private Backoff(Duration first, Duration max, int attempts) {
    this.next = first;
    this.max = max;
    this.attempts = attempts;
  }

  /** Completion retries: 25 ms doubling to 400 ms, five retries. */
  static Backoff forCompletion() {
    return new Backoff(Duration.ofMillis(25), Duration.ofMillis(400), 5);
  }

  /** Polls of an in-progress record: 10 ms doubling to 200 ms, no attempt limit. */
  static Backoff forPolling() {
    return new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), Integer.MAX_VALUE);
  }

  /** The next pause, or {@code null} when the attempts are spent. */
  Duration next() {
    if (used >= attempts) {
      return null;
    }
    used++;
    Duration current = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return current;
  }
}
