package dev.once.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.InProgressPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code once simulate}: the arguments, parsed into a {@link Scenario}, and the run. Parsing and
 * validation happen without running anything, so tests check them in-process.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the example order-payment function under at-least-once delivery (duplicates, some"
          + " concurrent; failures, timeouts and crashes, each redelivered) and checks that every"
          + " order was charged once and every duplicate got the first receipt.",
      "Exit code 0 when exactly-once held, 1 when it did not, 2 on bad arguments."
    })
final class SimulateCommand implements Callable<Integer> {

  private static final Scenario DEFAULTS = Scenario.defaults();

  private final Environment env;

  @Spec CommandSpec spec;

  @Option(names = "--orders", paramLabel = "N", description = "Unique orders (default: 2000).")
  int orders = DEFAULTS.orders();

  @Option(
      names = "--duplicate-rate",
      paramLabel = "R",
      description = "Share of deliveries that are duplicates, 0 to <1 (default: 0.2).")
  double duplicateRate = DEFAULTS.duplicateRate();

  @Option(
      names = "--concurrent-duplicates",
      paramLabel = "K",
      description =
          "Duplicates delivered at the same moment as their original (default: a fifth of the"
              + " duplicates, 100 with the other defaults).")
  int concurrentDuplicates = DEFAULTS.concurrentDuplicates();

  @Option(
      names = "--failure-rate",
      paramLabel = "R",
      description = "Share of executions that throw before the charge (default: 0.02).")
  double failureRate = DEFAULTS.failureRate();

  @Option(
      names = "--timeout-rate",
      paramLabel = "R",
      description = "Share of executions killed at their deadline before the charge (0.01).")
  double timeoutRate = DEFAULTS.timeoutRate();

  @Option(
      names = "--crash-rate",
      paramLabel = "R",
      description = "Share of executions killed after the charge, before completion (0.01).")
  double crashRate = DEFAULTS.crashRate();

  @Option(
      names = "--rate",
      paramLabel = "N|unlimited",
      description = "Deliveries per second, or unlimited (default: 1000).")
  String rate = "1000";

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Instances delivering in parallel (default: 8).")
  int concurrency = DEFAULTS.concurrency();

  @Option(
      names = "--in-progress",
      paramLabel = "fail|wait",
      description = "A duplicate meeting a run in progress fails fast (default) or waits.")
  String inProgress = "fail";

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of the scenario: the same seed gives the same scenario (default: random).")
  Long seed;

  @Option(
      names = "--remaining-ms",
      paramLabel = "MIN-MAX",
      description = "Time left per invocation, as Lambda's context gives it (default: 200-500).")
  String remaining = DEFAULTS.minRemainingMillis() + "-" + DEFAULTS.maxRemainingMillis();

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      description = "Deliveries of one message before the source gives up (default: 10).")
  int maxAttempts = DEFAULTS.maxAttempts();

  @Option(
      names = "--report",
      paramLabel = "text|json",
      description = "A table (default) or one JSON object.")
  String report = "text";

  @Option(
      names = "--workload",
      paramLabel = "payment|http",
      description =
          "The example to run: payment (the function, default) or http (it behind API Gateway,"
              + " with Idempotency-Key headers; the verdict covers status codes).")
  String workloadName = "payment";

  @Option(
      names = "--handler",
      paramLabel = "CLASS",
      description = "Run your own RequestHandler (with --events) instead of the example.")
  String handler;

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description = "Your events, one JSON per line, for --handler.")
  Path events;

  @Option(
      names = "--key-path",
      paramLabel = "EXPR",
      description = "JMESPath of the idempotency key in your events (default: the whole event).")
  String keyPath;

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      description = "Where your handler class is: jars and folders, separated by ':'.")
  String classpath;

  @Option(
      names = "--transactional",
      description =
          "With --store jdbc: charge a ledger table in the same database in transactional mode:"
              + " the charge commits with its completed record, which closes the crash window.")
  boolean transactional;

  @Mixin StoreOptions store;

  SimulateCommand(Environment env) {
    this.env = env;
  }

  /**
   * The scenario the arguments describe.
   *
   * @throws IllegalArgumentException naming the bad argument
   */
  Scenario scenario() {
    int[] window = remainingWindow();
    return new Scenario(
        orders,
        duplicateRate,
        concurrentDuplicates,
        failureRate,
        timeoutRate,
        crashRate,
        parseRate(),
        concurrency,
        inProgressPolicy(),
        seed != null ? seed : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
        window[0],
        window[1],
        maxAttempts);
  }

  /** True for {@code --report json}. */
  boolean json() {
    return switch (report) {
      case "json" -> true;
      case "text" -> false;
      default ->
          throw new IllegalArgumentException("--report must be text or json but was " + report);
    };
  }

  /** The user's handler run, when {@code --handler} is given; checks its options. */
  HandlerRun handlerRun() {
    if (handler != null && !workloadName.equals("payment")) {
      throw new IllegalArgumentException("--workload applies without --handler only");
    }
    if (handler == null) {
      if (events != null || keyPath != null || classpath != null) {
        throw new IllegalArgumentException(
            (events != null ? "--events" : keyPath != null ? "--key-path" : "--classpath")
                + " applies to --handler only");
      }
      return null;
    }
    if (events == null) {
      throw new IllegalArgumentException("--handler needs --events FILE.jsonl");
    }
    return new HandlerRun(handler, events, keyPath, classpath);
  }

  /**
   * The parts of {@code --handler}.
   *
   * @param className the handler's class
   * @param events the events file
   * @param keyPath the key's JMESPath, or {@code null} for the whole event
   * @param classpath where the class is, or {@code null} for the command's own class path
   */
  record HandlerRun(String className, Path events, String keyPath, String classpath) {}

  @Override
  public Integer call() throws Exception {
    Scenario scenario;
    boolean json;
    HandlerRun handlerRun;
    try {
      scenario = scenario();
      json = json();
      handlerRun = handlerRun();
      store.validate();
      checkTransactional(handlerRun);
    } catch (IllegalArgumentException e) {
      throw Once.badArgument(spec, e);
    }
    String runId = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    Workload workload;
    Plan plan;
    try {
      workload = handlerRun != null ? HandlerWorkload.load(handlerRun) : example(scenario, runId);
      plan = Plan.of(scenario, workload.units());
    } catch (IllegalArgumentException e) {
      throw Once.badArgument(spec, e);
    }
    try (StoreFactory.OpenStore open = env.stores().open(store)) {
      if (transactional) {
        workload = JdbcStores.transactionalPayment(open.store(), scenario.orders(), runId);
      }
      Simulator simulator = new Simulator(plan, workload, open.store(), "simulate-" + runId);
      if (!json) {
        env.out().println(header(scenario, plan, workload, "simulate-" + runId));
        env.out().flush();
      }
      Report result;
      try (AutoCloseable bar =
          ProgressBar.start(env.terminal(), env.err(), simulator::settled, plan.deliveries())) {
        result = simulator.run();
      }
      env.out().print(json ? result.toJson(new ObjectMapper()) + "\n" : result.toTable());
      env.out().flush();
      return result.exactlyOnce() ? 0 : 1;
    }
  }

  /** The example workload {@code --workload} names. */
  private Workload example(Scenario scenario, String runId) {
    return switch (workloadName) {
      case "payment" -> new PaymentWorkload(scenario.orders(), runId);
      case "http" -> new HttpWorkload(scenario.orders(), runId);
      default ->
          throw new IllegalArgumentException(
              "--workload must be payment or http but was " + workloadName);
    };
  }

  private String header(Scenario scenario, Plan plan, Workload workload, String keyPrefix) {
    return String.format(
        Locale.ROOT,
        "once simulate: %d %s + %d duplicates (%d concurrent) on %s, %d instances, %s,"
            + " in-progress %s, failures %.1f%%, timeouts %.1f%%, crashes %.1f%%, seed %d;"
            + " record keys %s#...%n",
        workload.units(),
        workload.unitsName(),
        plan.deliveries() - workload.units(),
        plan.concurrentDuplicates(),
        store.describe() + (transactional ? ", transactional" : ""),
        scenario.concurrency(),
        scenario.rate() == 0 ? "unlimited rate" : (long) scenario.rate() + " deliveries/s",
        inProgress,
        scenario.failureRate() * 100,
        scenario.timeoutRate() * 100,
        scenario.crashRate() * 100,
        scenario.seed(),
        keyPrefix);
  }

  private void checkTransactional(HandlerRun handlerRun) {
    if (transactional && store.kind != StoreOptions.Kind.jdbc) {
      throw new IllegalArgumentException("--transactional needs --store jdbc");
    }
    if (transactional && handlerRun != null) {
      throw new IllegalArgumentException("--transactional runs the example payment, not --handler");
    }
    if (transactional && !workloadName.equals("payment")) {
      throw new IllegalArgumentException(
          "--transactional runs the example payment, not --workload " + workloadName);
    }
  }

  private double parseRate() {
    if (rate.equalsIgnoreCase("unlimited")) {
      return 0;
    }
    double value;
    try {
      value = Double.parseDouble(rate);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--rate must be a number of deliveries per second or 'unlimited' but was " + rate);
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("--rate must be positive or 'unlimited' but was " + rate);
    }
    return value;
  }

  private InProgressPolicy inProgressPolicy() {
    return switch (inProgress) {
      case "fail" -> InProgressPolicy.FAIL_FAST;
      case "wait" -> InProgressPolicy.WAIT;
      default ->
          throw new IllegalArgumentException(
              "--in-progress must be fail or wait but was " + inProgress);
    };
  }

  private int[] remainingWindow() {
    String[] parts = remaining.split("-", -1);
    try {
      if (parts.length == 1) {
        int value = Integer.parseInt(parts[0].trim());
        return new int[] {value, value};
      }
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "--remaining-ms must be MILLIS or MIN-MAX, e.g. 200-500, but was " + remaining);
  }
}
