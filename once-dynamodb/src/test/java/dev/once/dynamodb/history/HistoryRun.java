package dev.once.dynamodb.history;

import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.dynamodb.testing.DynamoDbProxy;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One run of the history check: dynalite keeping its data on disk, the fault proxy in front of it,
 * several worker JVMs calling through the proxy; meanwhile dynalite is killed (SIGKILL) and
 * restarted, and workers are killed and replaced. Then the logs and the table are read and checked
 * by {@link History}. Not thread-safe; one run per instance.
 */
final class HistoryRun {

  /**
   * What a run does.
   *
   * @param calls calls in all, spread over the JVMs
   * @param jvms worker JVMs running at once
   * @param threads calling threads per JVM
   * @param keys keys per generation
   * @param generation how long a generation of keys is current
   * @param dynaliteCrashes times dynalite is killed and restarted
   * @param downtime how long dynalite stays down each time
   * @param jvmKills times a worker JVM is killed (and replaced)
   * @param faultRate share of requests that meet a proxy fault
   * @param attemptTimeout the workers' SDK attempt timeout
   * @param seed for the faults and the workers' choices
   * @param directory where the logs, dynalite's data and the report go
   */
  record Settings(
      int calls,
      int jvms,
      int threads,
      int keys,
      Duration generation,
      int dynaliteCrashes,
      Duration downtime,
      int jvmKills,
      double faultRate,
      Duration attemptTimeout,
      long seed,
      Path directory) {}

  private final Settings settings;
  private final Path logs;
  private final Random random;
  private final List<Worker> workers = new ArrayList<>();
  private final Map<String, Long> killedAt = new HashMap<>();
  private int nextWorker;
  private int dynaliteCrashes;

  private record Worker(String id, Process process, Path log, int quota) {}

  HistoryRun(Settings settings) {
    this.settings = settings;
    this.logs = settings.directory().resolve("logs");
    this.random = new Random(settings.seed());
  }

  HistoryReport run() throws IOException, InterruptedException {
    Files.createDirectories(logs);
    long began = System.nanoTime();
    try (DynaliteServer dynalite = DynaliteServer.start(settings.directory().resolve("dynalite"));
        DynamoDbProxy proxy = DynamoDbProxy.start(dynalite.endpoint())) {
      DynamoDbClient direct = dynalite.client();
      DynamoDbStore table = DynamoDbStore.builder().client(direct).tableName("history").build();
      table.createTable();
      proxy.plan(new ChaosPlan(settings.seed(), settings.faultRate(), settings.attemptTimeout()));
      long epoch = System.currentTimeMillis();
      int quota = settings.calls() / settings.jvms();
      for (int i = 0; i < settings.jvms(); i++) {
        start(proxy, epoch, i == 0 ? quota + settings.calls() % settings.jvms() : quota);
      }
      injectWhileRunning(dynalite, proxy, epoch);
      proxy.heal();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
      List<IdempotencyRecord> records =
          table.list(EnumSet.allOf(RecordStatus.class), Integer.MAX_VALUE);
      History history = History.read(logs, killedAt, records);
      History.Sweep sweep = history.sweep(table);
      return history.report(
          settings, proxy, dynaliteCrashes, killedAt.size(), workers.size(), elapsed, sweep);
    }
  }

  private void start(DynamoDbProxy proxy, long epoch, int quota) throws IOException {
    String id = "w" + nextWorker++;
    Path log = logs.resolve(id + ".log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classpath(),
            HistoryWorker.class.getName(),
            "endpoint=" + proxy.endpoint(),
            "table=history",
            "log=" + log,
            "worker=" + id,
            "calls=" + quota,
            "threads=" + settings.threads(),
            "seed=" + (settings.seed() + nextWorker),
            "epoch=" + epoch,
            "generationMillis=" + settings.generation().toMillis(),
            "keys=" + settings.keys(),
            "attemptTimeoutMillis=" + settings.attemptTimeout().toMillis());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(settings.directory().resolve(id + ".out").toFile())
            .start();
    workers.add(new Worker(id, process, log, quota));
  }

  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath =
        surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    // The module path too: surefire runs the tests on it, with the main classes and their modules.
    String modules = System.getProperty("jdk.module.path", "");
    return modules.isEmpty() ? classpath : modules + File.pathSeparator + classpath;
  }

  /**
   * Waits for every worker to finish its calls, killing dynalite and workers at even steps of the
   * progress: dynalite at 1/(n+1), 2/(n+1)..., workers halfway between.
   */
  private void injectWhileRunning(DynaliteServer dynalite, DynamoDbProxy proxy, long epoch)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
    int crashes = 0;
    int kills = 0;
    while (running()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the workers did not finish within an hour");
      }
      double progress = (double) callsLogged() / settings.calls();
      if (crashes < settings.dynaliteCrashes()
          && progress >= (crashes + 1.0) / (settings.dynaliteCrashes() + 1)) {
        crashes++;
        dynalite.crash();
        dynaliteCrashes++;
        Thread.sleep(settings.downtime().toMillis());
        dynalite.restart();
      } else if (kills < settings.jvmKills()
          && progress >= (kills + 0.5) / (settings.jvmKills() + 1)) {
        kills++;
        killOne(proxy, epoch);
      } else {
        Thread.sleep(100);
      }
    }
    for (Worker worker : workers) {
      if (!killedAt.containsKey(worker.id()) && worker.process().exitValue() != 0) {
        throw new IllegalStateException(
            "worker "
                + worker.id()
                + " failed with exit code "
                + worker.process().exitValue()
                + "; see "
                + settings.directory().resolve(worker.id() + ".out"));
      }
    }
  }

  private boolean running() {
    return workers.stream().anyMatch(w -> w.process().isAlive());
  }

  /** Kills a running worker at once and starts another for the calls it had left. */
  private void killOne(DynamoDbProxy proxy, long epoch) throws IOException, InterruptedException {
    List<Worker> alive = workers.stream().filter(w -> w.process().isAlive()).toList();
    if (alive.isEmpty()) {
      return;
    }
    Worker victim = alive.get(random.nextInt(alive.size()));
    victim.process().destroyForcibly();
    victim.process().waitFor();
    killedAt.put(victim.id(), EffectsLog.now());
    int left = victim.quota() - callLines(victim.log());
    if (left > 0) {
      start(proxy, epoch, left);
    }
  }

  private int callsLogged() throws IOException {
    int calls = 0;
    for (Worker worker : workers) {
      calls += callLines(worker.log());
    }
    return calls;
  }

  private static int callLines(Path log) {
    if (!Files.exists(log)) {
      return 0;
    }
    try (var lines = Files.lines(log)) {
      return (int) lines.filter(l -> l.startsWith(EffectsLog.CALL + "\t")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
