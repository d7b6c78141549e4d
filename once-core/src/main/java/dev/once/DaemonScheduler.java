package dev.once;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link Scheduler}: one daemon thread, started on the first task and ended after a few
 * idle seconds, so an instance that never renews a lease (every call in Lambda) never starts it.
 * One per {@code Idempotency} instance, never shared globally.
 */
final class DaemonScheduler implements Scheduler {

  private static final long IDLE_SECONDS = 10;

  private final ScheduledThreadPoolExecutor executor;

  /** Creates the scheduler; its thread starts with the first scheduled task, not here. */
  DaemonScheduler() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "once-lease-renewal");
              thread.setDaemon(true);
              return thread;
            });
    executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
