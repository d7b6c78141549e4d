package dev.once.bench.sidebyside;

import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteServer;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The side-by-side benchmark: Once (DynamoDbStore + Idempotency) against idempotency written by
 * hand on the raw AWS SDK v2, on one dynalite this harness starts, with the same client (the
 * URL-connection HTTP client) on both sides. It measures cold starts in child JVMs, as a whole
 * process and under the real Lambda runtime interface client (default JIT and {@code
 * -XX:TieredStopAtLevel=1}), the classes loaded by the first call, the runtime classpath, and warm
 * per-call latency in this JVM, interleaving the sides throughout, and prints one table with
 * Once/raw ratios. See once-bench/README.md.
 *
 * <p>Options: {@code --runs N} cold starts per side and row (default 10), {@code --rounds N} warm
 * rounds (default 10), {@code --calls N} warm calls per block (default 200).
 */
public final class SideBySide {

  static final String C1 = "-XX:TieredStopAtLevel=1";

  private final Options options;
  private final Classpaths classpaths = Classpaths.ofThisJvm();
  private final PrintStream progress;
  private Path logs;
  private int orders;

  /** What to run: counts from the command line. */
  record Options(int runs, int rounds, int calls) {

    static Options parse(String[] args) {
      int runs = 10;
      int rounds = 10;
      int calls = 200;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--runs" -> runs = positive(args[i], value);
          case "--rounds" -> rounds = positive(args[i], value);
          case "--calls" -> calls = positive(args[i], value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option " + args[i] + "; use --runs N, --rounds N, --calls N");
        }
        i++;
      }
      return new Options(runs, rounds, calls);
    }

    private static int positive(String option, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
      throw new IllegalArgumentException(
          option + " needs a positive number, not \"" + value + "\"");
    }
  }

  SideBySide(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * Runs the benchmark and prints its table on standard output (progress on standard error).
   *
   * @param args {@code --runs N}, {@code --rounds N}, {@code --calls N}
   * @throws Exception when a child or the harness fails
   */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    new SideBySide(options, System.err).run().print(System.out);
  }

  /** Runs every row and returns the table. */
  Table run() throws Exception {
    System.setProperty("http.maxConnections", "32"); // keep-alive for 16 in flight
    logs = Files.createTempDirectory("once-side-by-side-");
    try (DynaliteServer dynalite = DynaliteServer.start()) {
      DynamoDbClient client = dynalite.client();
      for (Side side : Side.values()) {
        DynamoDbStore.builder().client(client).tableName(table(side)).build().createTable();
      }
      String endpoint = dynalite.endpoint().toString();
      Table table = new Table(header());
      for (String flags : new String[] {"", C1}) {
        coldStarts(table, endpoint, flags, false);
      }
      for (String flags : new String[] {"", C1}) {
        coldStarts(table, endpoint, flags, true);
      }
      classes(table, endpoint);
      runtimeClientClasses(table, endpoint);
      warm(table, client);
      table.note(
          String.format(
              Locale.ROOT,
              "load average at end %.2f",
              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
      deleteLogs(); // kept when a run fails, for its children's output
      return table;
    }
  }

  private List<String> header() {
    double[] load =
        new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
    return List.of(
        String.format(
            Locale.ROOT,
            "Once vs raw AWS SDK v2, dynalite 4.0.0 on loopback, url-connection HTTP client on both"
                + " sides; Java %s, %d cores, load average %.2f at start",
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()),
        String.format(
            Locale.ROOT,
            "cold: %d runs per side and row, interleaved once/raw; median (min–max);"
                + " warm: %d rounds of %d calls per side, median of block medians (min–max)",
            options.runs(),
            options.rounds(),
            options.calls()));
  }

  private void coldStarts(Table table, String endpoint, String flags, boolean runtimeClient)
      throws Exception {
    Map<Side, List<Double>> wall = perSide();
    Map<Side, List<Double>> cpu = perSide();
    String what = runtimeClient ? "runtime client" : "process";
    for (int run = 0; run < options.runs(); run++) {
      for (Side side : Side.values()) {
        ChildJvm.Measurement m =
            runtimeClient
                ? RuntimeClientRun.run(
                    side,
                    classpaths,
                    endpoint,
                    order(side),
                    jvmOptions(flags),
                    log(side, "ric"),
                    null)
                : ChildJvm.untilMarker(
                    coldCommand(side, flags, endpoint, false), log(side, "cold"), false);
        wall.get(side).add(m.wallMillis());
        cpu.get(side).add(m.cpuMillis());
        progress.printf(
            Locale.ROOT,
            "%s cold start, %s, %s, run %d: %.0f ms wall, %.0f ms CPU%n",
            what,
            side,
            flagsName(flags),
            run + 1,
            m.wallMillis(),
            m.cpuMillis());
      }
    }
    String row =
        runtimeClient
            ? "runtime client: start -> first response, " + flagsName(flags)
            : "process start -> first call, " + flagsName(flags);
    table.add(row + ": wall ms", wall.get(Side.ONCE), wall.get(Side.RAW));
    table.add(row + ": CPU ms (user+sys)", cpu.get(Side.ONCE), cpu.get(Side.RAW));
  }

  private void classes(Table table, String endpoint) throws Exception {
    Map<Side, Map<String, Integer>> counts = new EnumMap<>(Side.class);
    for (Side side : Side.values()) {
      ChildJvm.Measurement m =
          ChildJvm.untilMarker(coldCommand(side, "", endpoint, true), log(side, "classes"), true);
      counts.put(side, ClassCounts.count(m.classLoads()));
    }
    for (String library : counts.get(Side.ONCE).keySet()) {
      String row =
          library.equals("total")
              ? "classes loaded at first call, total"
              : "classes loaded at first call, " + library;
      table.add(row, counts.get(Side.ONCE).get(library), counts.get(Side.RAW).get(library));
    }
    table.add(
        "runtime classpath, library jars (MB)",
        classpaths.bytes(Side.ONCE) / 1e6,
        classpaths.bytes(Side.RAW) / 1e6);
    table.add(
        "runtime classpath, library jars (count)",
        classpaths.libraries(Side.ONCE).size(),
        classpaths.libraries(Side.RAW).size());
  }

  private void runtimeClientClasses(Table table, String endpoint) throws Exception {
    Map<Side, Double> total = new EnumMap<>(Side.class);
    for (Side side : Side.values()) {
      Path classLog = logs.resolve("ric-classes-" + side + ".log");
      ChildJvm.Measurement m =
          RuntimeClientRun.run(
              side,
              classpaths,
              endpoint,
              order(side),
              List.of(),
              log(side, "ric-classes"),
              classLog);
      total.put(side, (double) ClassCounts.count(m.classLoads()).get("total"));
    }
    table.add(
        "runtime client: classes loaded at first response, total",
        total.get(Side.ONCE),
        total.get(Side.RAW));
  }

  private void warm(Table table, DynamoDbClient client) throws Exception {
    Map<Side, Side.Layer> layers = new EnumMap<>(Side.class);
    for (Side side : Side.values()) {
      layers.put(side, side.layer(client, table(side)));
    }
    progress.println("warm: warm-up, then " + options.rounds() + " rounds");
    var medians = new WarmLatency(layers, options.calls()).run(options.rounds());
    medians.forEach(
        (cell, bySide) ->
            table.add(
                "warm " + cell.label() + ": ms per call",
                bySide.get(Side.ONCE),
                bySide.get(Side.RAW)));
  }

  private List<String> coldCommand(Side side, String flags, String endpoint, boolean logClasses) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions(flags));
    if (logClasses) {
      command.add("-Xlog:class+load=info:stdout");
    }
    command.addAll(
        List.of(
            "-cp",
            classpaths.of(side, false),
            ColdStart.class.getName(),
            side.toString(),
            endpoint,
            table(side),
            order(side)));
    return command;
  }

  private static List<String> jvmOptions(String flags) {
    return flags.isEmpty() ? List.of() : List.of(flags);
  }

  /** A fresh order id: every cold start makes a first call. */
  private String order(Side side) {
    return "order-" + side + "-" + ++orders + "-" + System.nanoTime();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String table(Side side) {
    return "bench-" + side;
  }

  static String flagsName(String flags) {
    return flags.isEmpty() ? "default JIT" : flags;
  }

  private Path log(Side side, String what) {
    return logs.resolve(what + "-" + side + "-" + orders + ".log");
  }

  private void deleteLogs() throws java.io.IOException {
    try (var files = Files.list(logs)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(logs);
  }

  private static Map<Side, List<Double>> perSide() {
    Map<Side, List<Double>> map = new EnumMap<>(Side.class);
    map.put(Side.ONCE, new ArrayList<>());
    map.put(Side.RAW, new ArrayList<>());
    return map;
  }
}
