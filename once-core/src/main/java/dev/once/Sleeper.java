package dev.once;

import java.time.Duration;

/**
 * How the engine waits between polls and retries. The default sleeps the thread; tests pass one
 * that advances a fake clock instead.
 */
@FunctionalInterface
public interface Sleeper {

  /** The default: {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait; zero or positive
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
