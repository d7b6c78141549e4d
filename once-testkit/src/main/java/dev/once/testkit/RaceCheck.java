package dev.once.testkit;

import dev.once.Idempotency;
import dev.once.InProgressException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many threads call one key at once through an {@link Idempotency} engine. The guarantee holds when
 * the work ran exactly once and every other call got a replay of that run's result or an {@link
 * InProgressException}. The report says what happened; {@link Report#violation()} names a breach,
 * so a test can show that a broken store is caught.
 */
public final class RaceCheck {

  private static final long HANG_GUARD_SECONDS = 120;

  private RaceCheck() {}

  /**
   * What the racing calls got.
   *
   * @param calls how many calls were made
   * @param executions how many times the work ran
   * @param results calls that returned the first execution's result
   * @param inProgress calls that got {@link InProgressException}
   * @param wrongResults calls that returned something else (another execution's result)
   * @param unexpected calls that failed otherwise
   */
  public record Report(
      int calls,
      int executions,
      int results,
      int inProgress,
      int wrongResults,
      List<Throwable> unexpected) {

    /**
     * What broke the guarantee of one execution, if anything.
     *
     * @return a description of the breach, or {@code null} when the guarantee held
     */
    public String violation() {
      if (executions != 1) {
        return "the work ran " + executions + " times on one key, not once; " + this;
      }
      if (wrongResults > 0) {
        return wrongResults + " calls returned another execution's result; " + this;
      }
      if (!unexpected.isEmpty()) {
        return unexpected.size() + " calls failed unexpectedly, first: " + unexpected.get(0);
      }
      if (results + inProgress != calls || results < 1) {
        return "outcomes do not add up; " + this;
      }
      return null;
    }
  }

  /**
   * Starts {@code threads} calls of {@code idempotency} on {@code input} together (a latch releases
   * them at once) and reports their outcomes. The work returns {@code "run-N"}, N counting
   * executions from 1, so a replay of any run but the first shows as a wrong result.
   *
   * @param idempotency the engine under test; it should fail fast or wait on keys in progress
   * @param input the one input every thread calls with
   * @param threads how many concurrent calls; positive
   * @return the outcomes, counted
   */
  public static Report run(Idempotency idempotency, Object input, int threads) {
    AtomicInteger executions = new AtomicInteger();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> calls = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        calls.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  start.await();
                  return idempotency.call(
                      input, String.class, () -> "run-" + executions.incrementAndGet());
                }));
      }
      await(ready);
      start.countDown();
      // Every call has finished when collect returns, so the count is final.
      return collect(calls, executions);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Report collect(List<Future<String>> calls, AtomicInteger executions) {
    int results = 0;
    int inProgress = 0;
    int wrong = 0;
    List<Throwable> unexpected = new ArrayList<>();
    for (Future<String> call : calls) {
      try {
        String result = call.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        if ("run-1".equals(result)) {
          results++;
        } else {
          wrong++;
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof InProgressException) {
          inProgress++;
        } else {
          unexpected.add(e.getCause());
        }
      } catch (Exception e) {
        unexpected.add(e);
      }
    }
    return new Report(calls.size(), executions.get(), results, inProgress, wrong, unexpected);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("racing threads did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting racing threads", e);
    }
  }
}
