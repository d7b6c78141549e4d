package dev.once.bench.sidebyside;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child JVM and measures it from the outside: wall time from just before the process is
 * started to the moment the harness sees the child's event (its marker line, or its first Lambda
 * response), and the child's CPU time (user + system, every thread: JIT, GC, the program) read from
 * {@code /proc/<pid>/stat} at that moment, while the child waits. Class-load log lines the child
 * prints before its marker are kept when asked.
 */
final class ChildJvm {

  /** What one child measured. */
  record Measurement(double wallMillis, double cpuMillis, List<String> classLoads) {}

  private static final long TIMEOUT_SECONDS = 120;
  private static final double MILLIS_PER_TICK = 1000.0 / clockTicksPerSecond();

  private ChildJvm() {}

  /**
   * Starts {@code command} and reads its standard output until {@link FirstCallMarker#LINE}.
   *
   * @param log where the child's standard error goes
   * @param keepClassLoads keep the {@code [class,load]} lines seen before the marker
   */
  static Measurement untilMarker(List<String> command, Path log, boolean keepClassLoads)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    CompletableFuture<Void> watchdog = killAfterTimeout(process);
    List<String> loads = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals(FirstCallMarker.LINE)) {
          double wall = (System.nanoTime() - start) / 1e6;
          double cpu = cpuMillis(process.pid());
          process.getOutputStream().close();
          finish(process, watchdog);
          return new Measurement(wall, cpu, loads);
        }
        if (keepClassLoads && line.contains("[class,load]")) {
          loads.add(line);
        }
      }
    }
    finish(process, watchdog);
    throw new IllegalStateException(
        "the child ended without its marker: " + command + "\n" + Files.readString(log));
  }

  /** Kills the child when it runs past the timeout, so that a hung child cannot hang the run. */
  static CompletableFuture<Void> killAfterTimeout(Process process) {
    return CompletableFuture.runAsync(
        process::destroyForcibly,
        CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
  }

  /** Waits, bounded, for the child to end, then stops its watchdog. */
  static void finish(Process process, CompletableFuture<Void> watchdog)
      throws InterruptedException {
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    watchdog.cancel(false);
  }

  /** User + system CPU of process {@code pid} so far, in milliseconds (clock-tick resolution). */
  static double cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name, which is in parentheses and may hold spaces: state is the
    // first, utime the 12th, stime the 13th.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * MILLIS_PER_TICK;
  }

  /** The common environment of a child: none of the caller's AWS settings leak in. */
  static void cleanEnvironment(Map<String, String> environment) {
    environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_TOOL"));
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      getconf.waitFor(5, TimeUnit.SECONDS);
      return Long.parseLong(out.trim());
    } catch (IOException | NumberFormatException e) {
      return 100; // the Linux default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
