package dev.once.dynamodb.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * The history check of issue 8: calls from several JVMs on a small key space, through a fault
 * proxy, with dynalite and JVMs killed mid-run; the effects logs and the table are then checked.
 *
 * <p>The default test run does a small one (400 calls, 2 JVMs, under a minute on a busy machine).
 * The full one, {@code tools/history-check.sh}, sets the size with system properties: {@code
 * history.calls}, {@code history.jvms}, {@code history.threads}, {@code history.keys}, {@code
 * history.generationMillis}, {@code history.dynaliteCrashes}, {@code history.downtimeMillis},
 * {@code history.jvmKills}, {@code history.faultRate}, {@code history.attemptTimeoutMillis}, {@code
 * history.seed}. The report is printed and written to {@code target/history/<time>/report.txt}.
 */
class HistoryCheckTest {

  @Test
  void onceHoldsUnderFaultsAcrossJvms() throws Exception {
    HistoryRun.Settings settings = settings();
    HistoryReport report = new HistoryRun(settings).run();
    String text = report.toText();
    Files.writeString(settings.directory().resolve("report.txt"), text);
    System.out.println(text);

    // The premises: the faults happened and the calls ran.
    assertThat(report.calls())
        .as("calls logged (those in flight in a killed JVM are not)")
        .isGreaterThanOrEqualTo(settings.calls() - settings.jvmKills() * settings.threads());
    assertThat(report.dynaliteCrashes()).isEqualTo(settings.dynaliteCrashes());
    assertThat(report.jvmKills()).isEqualTo(settings.jvmKills());
    assertThat(report.faults().values().stream().mapToInt(Integer::intValue).sum()).isPositive();
    assertThat(report.executions()).isPositive();

    assertThat(report.startedAfterLeaseEnd()).as("executions started after their lease").isZero();
    assertThat(report.resultMismatches()).as("results other than the recorded one").isZero();
    assertThat(report.stuckWithoutCause()).as("keys in progress with nothing behind").isZero();
    assertThat(report.repeatedEffects()).doesNotContainKey(HistoryReport.UNEXPLAINED);
    assertThat(report.overlapsWithinLease()).as("executions overlapping a live lease").isZero();
    assertThat(report.sweep().stillHeld()).as("keys held past their lease").isZero();
  }

  private static HistoryRun.Settings settings() throws java.io.IOException {
    Path directory =
        Paths.get("target", "history")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
            .toAbsolutePath();
    Files.createDirectories(directory);
    return new HistoryRun.Settings(
        integer("history.calls", 400),
        integer("history.jvms", 2),
        integer("history.threads", 3),
        integer("history.keys", 6),
        Duration.ofMillis(integer("history.generationMillis", 1_500)),
        integer("history.dynaliteCrashes", 1),
        Duration.ofMillis(integer("history.downtimeMillis", 1_500)),
        integer("history.jvmKills", 1),
        Double.parseDouble(System.getProperty("history.faultRate", "0.08")),
        Duration.ofMillis(integer("history.attemptTimeoutMillis", 1_000)),
        Long.parseLong(System.getProperty("history.seed", "8")),
        directory);
  }

  private static int integer(String property, int otherwise) {
    return Integer.parseInt(System.getProperty(property, Integer.toString(otherwise)));
  }
}
