package dev.once;

import java.time.Duration;

/**
 * Runs a task after a delay: how the engine schedules lease renewals for long work. The default,
 * one per {@link Idempotency} instance, is a single daemon thread started on first use that ends
 * when idle; tests pass one driven by a fake clock.
 *
 * <p>Implementations must be thread-safe. Tasks must not be run on the thread that schedules them
 * unless time is being advanced by a test.
 */
@FunctionalInterface
public interface Scheduler {

  /**
   * Runs {@code task} once, {@code delay} from now.
   *
   * @param delay how long from now; zero or positive
   * @param task what to run; its exceptions are the scheduler's to log, not the caller's
   * @return a handle that cancels the task if it has not started
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Calls the task off if it has not started; does nothing otherwise. */
    void cancel();
  }
}
