package dev.once.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** A one-line progress bar on a terminal, redrawn ten times a second. */
final class ProgressBar implements AutoCloseable {

  private static final int WIDTH = 40;

  private final PrintWriter err;
  private final IntSupplier done;
  private final int total;
  private final ScheduledExecutorService ticker;

  private ProgressBar(PrintWriter err, IntSupplier done, int total) {
    this.err = err;
    this.done = done;
    this.total = total;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "once-progress");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(this::draw, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** Shows a bar of {@code done} out of {@code total} when {@code terminal}, else nothing. */
  static AutoCloseable start(boolean terminal, PrintWriter err, IntSupplier done, int total) {
    return terminal ? new ProgressBar(err, done, total) : () -> {};
  }

  /** The bar for {@code done} of {@code total}. */
  static String line(int done, int total) {
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    return "  ["
        + "#".repeat(filled)
        + ".".repeat(WIDTH - filled)
        + "] "
        + done
        + "/"
        + total
        + " deliveries settled";
  }

  private void draw() {
    err.print("\r" + line(Math.min(done.getAsInt(), total), total));
    err.flush();
  }

  @Override
  public void close() throws InterruptedException {
    ticker.shutdownNow();
    ticker.awaitTermination(1, TimeUnit.SECONDS);
    draw();
    err.println();
  }
}
