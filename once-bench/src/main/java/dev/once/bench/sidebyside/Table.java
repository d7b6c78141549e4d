package dev.once.bench.sidebyside;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one table the benchmark prints: a row per measure, the median of each side's values with
 * their range (min–max) when there are several, and the ratio of the medians, Once over raw.
 */
final class Table {

  /** One measure, its values on each side. */
  record Row(String label, double[] once, double[] raw) {}

  private final List<String> header;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Table(List<String> header) {
    this.header = List.copyOf(header);
  }

  void add(String label, List<Double> once, List<Double> raw) {
    rows.add(new Row(label, unbox(once), unbox(raw)));
  }

  void add(String label, double once, double raw) {
    rows.add(new Row(label, new double[] {once}, new double[] {raw}));
  }

  /** A line printed under the rows. */
  void note(String line) {
    notes.add(line);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  void print(PrintStream out) {
    header.forEach(out::println);
    int width = rows.stream().mapToInt(r -> r.label().length()).max().orElse(10);
    String format = "%-" + width + "s  %-22s %-22s %8s%n";
    out.printf(Locale.ROOT, format, "row", "once", "raw", "once/raw");
    for (Row row : rows) {
      double onceMedian = median(row.once());
      double rawMedian = median(row.raw());
      String ratio =
          rawMedian == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", onceMedian / rawMedian);
      out.printf(Locale.ROOT, format, row.label(), cell(row.once()), cell(row.raw()), ratio);
    }
    notes.forEach(out::println);
    out.flush();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String cell(double[] values) {
    String median = number(median(values));
    if (values.length < 2) {
      return median;
    }
    double min = Arrays.stream(values).min().orElseThrow();
    double max = Arrays.stream(values).max().orElseThrow();
    return median + " (" + number(min) + "–" + number(max) + ")";
  }

  private static String number(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, magnitude >= 10 ? "%.1f" : "%.2f", value);
  }

  private static double[] unbox(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a row needs at least one value per side");
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
