package dev.once.cli;

import dev.once.InProgressPolicy;

/**
 * What {@code once simulate} runs: how many orders, how they are delivered and what goes wrong. A
 * value; the compact constructor validates every setting and names the bad option.
 *
 * @param orders unique orders (or, with a handler, ignored: the events file decides)
 * @param duplicateRate the share of first deliveries that are duplicates, in [0, 1)
 * @param concurrentDuplicates how many duplicates arrive at the same moment as their original, or
 *     {@link #A_FIFTH} for a fifth of the duplicates
 * @param failureRate the share of executions that fail before their side effect
 * @param timeoutRate the share of executions killed at their deadline before their side effect
 * @param crashRate the share of executions killed after their side effect, before completion
 * @param rate deliveries per second, or 0 for unlimited
 * @param concurrency instances delivering in parallel
 * @param inProgress what a duplicate does when its key is in progress
 * @param seed the seed of the plan: the same seed gives the same scenario
 * @param minRemainingMillis the shortest remaining time an invocation gets
 * @param maxRemainingMillis the longest remaining time an invocation gets
 * @param maxAttempts how often the source delivers one message before giving up
 */
record Scenario(
    int orders,
    double duplicateRate,
    int concurrentDuplicates,
    double failureRate,
    double timeoutRate,
    double crashRate,
    double rate,
    int concurrency,
    InProgressPolicy inProgress,
    long seed,
    int minRemainingMillis,
    int maxRemainingMillis,
    int maxAttempts) {

  /** {@code concurrentDuplicates} when not given: a fifth of the duplicates. */
  static final int A_FIFTH = Integer.MIN_VALUE;

  Scenario {
    require(orders >= 1, "--orders must be at least 1 but was " + orders);
    require(
        duplicateRate >= 0 && duplicateRate < 1,
        "--duplicate-rate must be between 0 and 1 (1 excluded) but was " + duplicateRate);
    requireRate("--failure-rate", failureRate);
    requireRate("--timeout-rate", timeoutRate);
    requireRate("--crash-rate", crashRate);
    require(
        failureRate + timeoutRate + crashRate <= 1,
        "--failure-rate, --timeout-rate and --crash-rate must add up to 1 at most but add up to "
            + (failureRate + timeoutRate + crashRate));
    require(rate >= 0, "--rate must be positive or 'unlimited' but was " + rate);
    require(concurrency >= 1, "--concurrency must be at least 1 but was " + concurrency);
    require(
        concurrentDuplicates >= 0 || concurrentDuplicates == A_FIFTH,
        "--concurrent-duplicates must not be negative but was " + concurrentDuplicates);
    require(
        concurrentDuplicates == 0 || concurrentDuplicates == A_FIFTH || concurrency >= 2,
        "--concurrent-duplicates needs --concurrency 2 or more, but --concurrency was "
            + concurrency);
    require(inProgress != null, "--in-progress must be fail or wait");
    require(
        minRemainingMillis >= 10,
        "--remaining-ms must be at least 10 but was " + minRemainingMillis);
    require(
        maxRemainingMillis >= minRemainingMillis,
        "--remaining-ms maximum "
            + maxRemainingMillis
            + " is below its minimum "
            + minRemainingMillis);
    require(maxAttempts >= 1, "--max-attempts must be at least 1 but was " + maxAttempts);
  }

  /** The number of duplicates: {@code duplicateRate} of all first deliveries. */
  int duplicates() {
    return duplicates(orders);
  }

  /** The number of duplicates for {@code units} unique units (orders or events). */
  int duplicates(int units) {
    return (int) Math.round(units * duplicateRate / (1 - duplicateRate));
  }

  /** The defaults of {@code once simulate}: a meaningful run in a few seconds. */
  static Scenario defaults() {
    return new Scenario(
        2000, 0.2, A_FIFTH, 0.02, 0.01, 0.01, 1000, 8, InProgressPolicy.FAIL_FAST, 1, 200, 500, 10);
  }

  /**
   * The number of duplicates delivered with their original, for {@code units} units.
   *
   * @throws IllegalArgumentException when more are asked for than there are duplicates
   */
  int concurrentDuplicates(int units) {
    int duplicates = duplicates(units);
    if (concurrentDuplicates == A_FIFTH) {
      return concurrency >= 2 ? duplicates / 5 : 0;
    }
    require(
        concurrentDuplicates <= duplicates,
        "--concurrent-duplicates "
            + concurrentDuplicates
            + " is more than the "
            + duplicates
            + " duplicates of this scenario (see --duplicate-rate)");
    return concurrentDuplicates;
  }

  private static void requireRate(String option, double value) {
    require(value >= 0 && value <= 1, option + " must be between 0 and 1 but was " + value);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
