package dev.once.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side benchmark end to end with one run of every row, on dynalite: the table has every
 * row, each with a number for both sides and a ratio. No timing is asserted.
 */
class SideBySideSmokeTest {

  /** Every row the table must have, in order. */
  static final List<String> ROWS =
      List.of(
          "process start -> first call, default JIT: wall ms",
          "process start -> first call, default JIT: CPU ms (user+sys)",
          "process start -> first call, -XX:TieredStopAtLevel=1: wall ms",
          "process start -> first call, -XX:TieredStopAtLevel=1: CPU ms (user+sys)",
          "runtime client: start -> first response, default JIT: wall ms",
          "runtime client: start -> first response, default JIT: CPU ms (user+sys)",
          "runtime client: start -> first response, -XX:TieredStopAtLevel=1: wall ms",
          "runtime client: start -> first response, -XX:TieredStopAtLevel=1: CPU ms (user+sys)",
          "classes loaded at first call, JDK",
          "classes loaded at first call, AWS SDK",
          "classes loaded at first call, Once",
          "classes loaded at first call, Jackson",
          "classes loaded at first call, JMESPath",
          "classes loaded at first call, Caffeine",
          "classes loaded at first call, SLF4J",
          "classes loaded at first call, benchmark",
          "classes loaded at first call, other",
          "classes loaded at first call, total",
          "runtime classpath, library jars (MB)",
          "runtime classpath, library jars (count)",
          "runtime client: classes loaded at first response, total",
          "warm first call: ms per call",
          "warm duplicate: ms per call",
          "warm first call, 16 in flight: ms per call",
          "warm duplicate, 16 in flight: ms per call");

  private static final String NUMBER = "\\d+(\\.\\d+)?";

  @Test
  void oneRunOfEveryRowPrintsEveryRowWithNumbers() throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Table table =
        new SideBySide(
                new SideBySide.Options(1, 1, 16),
                new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    table.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();

    List<String> rows = lines.subList(3, lines.size() - 1);
    assertThat(rows).as(String.join("\n", lines)).hasSameSizeAs(ROWS);
    assertThat(lines.get(lines.size() - 1)).startsWith("load average at end");
    for (int i = 0; i < ROWS.size(); i++) {
      String label = ROWS.get(i);
      Pattern row =
          Pattern.compile(
              Pattern.quote(label) + " +" + NUMBER + " +" + NUMBER + " +(" + NUMBER + "|n/a)");
      assertThat(rows.get(i)).as("row %d of\n%s", i, String.join("\n", lines)).matches(row);
    }
    // the raw side loads nothing of Once, and the Once side does
    assertThat(table.rows())
        .filteredOn(r -> r.label().equals("classes loaded at first call, Once"))
        .singleElement()
        .satisfies(r -> assertThat(r.raw()).containsExactly(0))
        .satisfies(r -> assertThat(r.once()[0]).isPositive());
  }
}
