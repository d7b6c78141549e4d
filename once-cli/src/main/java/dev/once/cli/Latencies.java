package dev.once.cli;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded from many threads; percentiles by nearest rank. */
final class Latencies {

  private long[] values = new long[4096];
  private int size;

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  /** The p50, p90, p99 and max in milliseconds; zeros when nothing was recorded. */
  synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return new Summary(
        millis(percentile(sorted, 50)),
        millis(percentile(sorted, 90)),
        millis(percentile(sorted, 99)),
        millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1000.0) / 1000.0;
  }

  /** Latency percentiles, in milliseconds to the microsecond. */
  record Summary(double p50, double p90, double p99, double max) {}
}
