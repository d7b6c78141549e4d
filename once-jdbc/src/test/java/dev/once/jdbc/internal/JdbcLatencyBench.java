package dev.once.jdbc.internal;

import dev.once.Idempotency;
import dev.once.jdbc.JdbcStore;
import dev.once.jdbc.SqlDialect;
import dev.once.jdbc.testing.PostgresServer;
import dev.once.jdbc.testing.TestPool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency and throughput of Once over {@link JdbcStore} beside the raw PostgreSQL driver issuing
 * the same statements by hand, on one local PostgreSQL (started here, like the tests' server) and
 * one pool of 16 connections, in one run: first calls (the acquire statement, then the completing
 * UPDATE) and duplicates of completed keys (the acquire statement, answered with the record),
 * sequential and with 16 in flight. The two sides alternate in rounds so that drift on a shared
 * machine hits both alike.
 *
 * <p>Run: {@code once-jdbc/bench.sh} (see the module README). Arguments: [calls per round, default
 * 200] [rounds, default 15].
 */
public final class JdbcLatencyBench {

  private static final String TABLE = "bench_records";
  private static final byte[] RESULT = "\"receipt-0001\"".getBytes(StandardCharsets.UTF_8);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final TestPool pool;
  private final Idempotency once;
  private final String acquireSql;
  private final String completeSql;

  private JdbcLatencyBench(TestPool pool) {
    this.pool = pool;
    JdbcStore store =
        JdbcStore.builder(pool).tableName(TABLE).dialect(SqlDialect.POSTGRESQL).build();
    store.createTable();
    this.once = Idempotency.builder(store).build();
    Statements statements = new Statements(SqlDialect.POSTGRESQL, TABLE);
    this.acquireSql =
        checked(
            statements.postgresAcquire,
            "now",
            "key",
            "expiry_ms",
            "lease_ms",
            "lease_ms",
            "validation",
            "lease",
            "key");
    this.completeSql =
        checked(statements.complete, "status", "data", "now", "expiry_ms", "key", "lease");
  }

  /** The statement's SQL, once its parameters are known to be where the raw side binds them. */
  private static String checked(SqlTemplate template, String... parameters) {
    if (!template.parameters().equals(List.of(parameters))) {
      throw new IllegalStateException(
          "the raw side binds "
              + List.of(parameters)
              + " but the statement takes "
              + template.parameters());
    }
    return template.sql();
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    try (PostgresServer postgres = PostgresServer.start();
        TestPool pool = postgres.pool("bench", 16)) {
      JdbcLatencyBench bench = new JdbcLatencyBench(pool);
      String version;
      try (Connection c = pool.getConnection()) {
        version = c.getMetaData().getDatabaseProductVersion();
      }
      System.out.printf(
          "PostgreSQL %s on loopback, %d calls x %d rounds per side and cell, %d cores, Java %s%n",
          version,
          calls,
          rounds,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.printf(
          "%-26s %-5s %9s %9s %10s %8s %8s%n",
          "path", "side", "median ms", "p99 ms", "calls/s", "cpu us", "vs raw");
      for (int inFlight : new int[] {1, 16}) {
        bench.compare("first call", inFlight, calls, rounds, false);
        bench.compare("duplicate", inFlight, calls, rounds, true);
      }
    }
  }

  private void compare(String path, int inFlight, int calls, int rounds, boolean duplicate)
      throws Exception {
    Side onceSide = new Side();
    Side rawSide = new Side();
    List<String> onceKeys = duplicate ? completedKeys(calls, true) : null;
    List<String> rawKeys = duplicate ? completedKeys(calls, false) : null;
    for (int warmUp = 0; warmUp < 3; warmUp++) {
      run(inFlight, calls, duplicate, onceKeys, true, new Side());
      run(inFlight, calls, duplicate, rawKeys, false, new Side());
    }
    for (int round = 0; round < rounds; round++) {
      boolean onceFirst = round % 2 == 0;
      run(
          inFlight,
          calls,
          duplicate,
          onceFirst ? onceKeys : rawKeys,
          onceFirst,
          onceFirst ? onceSide : rawSide);
      run(
          inFlight,
          calls,
          duplicate,
          onceFirst ? rawKeys : onceKeys,
          !onceFirst,
          onceFirst ? rawSide : onceSide);
    }
    String label = path + (inFlight == 1 ? ", sequential" : ", " + inFlight + " in flight");
    double rawMedian = rawSide.percentile(50);
    System.out.printf(
        Locale.ROOT,
        "%-26s %-5s %9.3f %9.3f %10.0f %8.1f %+7.1f%%%n",
        label,
        "once",
        onceSide.percentile(50),
        onceSide.percentile(99),
        onceSide.throughput(),
        onceSide.cpuMicrosPerCall(),
        100 * (onceSide.percentile(50) / rawMedian - 1));
    System.out.printf(
        Locale.ROOT,
        "%-26s %-5s %9.3f %9.3f %10.0f %8.1f%n",
        "",
        "raw",
        rawMedian,
        rawSide.percentile(99),
        rawSide.throughput(),
        rawSide.cpuMicrosPerCall());
  }

  private List<String> completedKeys(int count, boolean viaOnce) throws SQLException {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "dup-" + SEQUENCE.incrementAndGet();
      keys.add(key);
      if (viaOnce) {
        onceCall(key);
      } else {
        rawFirstCall(key);
      }
    }
    return keys;
  }

  private void run(
      int inFlight, int calls, boolean duplicate, List<String> keys, boolean viaOnce, Side side)
      throws Exception {
    long[] latencies = new long[calls];
    LongAdder cpuNanos = new LongAdder();
    ExecutorService threads = Executors.newFixedThreadPool(inFlight);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < inFlight; t++) {
        int thread = t;
        done.add(
            threads.submit(
                () -> {
                  long cpuStart = CPU.getCurrentThreadCpuTime();
                  for (int i = thread; i < calls; i += inFlight) {
                    String key = duplicate ? keys.get(i) : "first-" + SEQUENCE.incrementAndGet();
                    long t0 = System.nanoTime();
                    if (viaOnce) {
                      onceCall(key);
                    } else if (duplicate) {
                      rawDuplicate(key);
                    } else {
                      rawFirstCall(key);
                    }
                    latencies[i] = System.nanoTime() - t0;
                  }
                  cpuNanos.add(CPU.getCurrentThreadCpuTime() - cpuStart);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
    side.add(latencies, System.nanoTime() - start, cpuNanos.sum());
  }

  private void onceCall(String key) {
    once.call(key, String.class, () -> "receipt-0001");
  }

  /** What JdbcStore sends for a first call, by hand: the acquire statement, then the UPDATE. */
  private void rawFirstCall(String key) throws SQLException {
    String lease = Long.toHexString(ThreadLocalRandom.current().nextLong());
    try (Connection connection = pool.getConnection()) {
      if (acquire(connection, rawId(key), lease) != 1) {
        throw new IllegalStateException("the first call's key " + key + " was taken");
      }
    }
    try (Connection connection = pool.getConnection();
        PreparedStatement complete = connection.prepareStatement(completeSql)) {
      complete.setString(1, "COMPLETED");
      complete.setBytes(2, RESULT);
      complete.setNull(3, Types.BIGINT);
      complete.setLong(4, 3_600_000);
      complete.setString(5, rawId(key));
      complete.setString(6, lease);
      if (complete.executeUpdate() != 1) {
        throw new IllegalStateException("the first call's lease on " + key + " was lost");
      }
    }
  }

  /**
   * What JdbcStore sends for a duplicate, by hand: the acquire statement, which returns the record.
   */
  private void rawDuplicate(String key) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      if (acquire(connection, rawId(key), "x") != 0) {
        throw new IllegalStateException("the duplicate's key " + key + " was free");
      }
    }
  }

  /** Runs the acquire statement: 1 when written, 0 when it returned the live record. */
  private int acquire(Connection connection, String id, String lease) throws SQLException {
    try (PreparedStatement acquire = connection.prepareStatement(acquireSql)) {
      acquire.setNull(1, Types.BIGINT);
      acquire.setString(2, id);
      acquire.setLong(3, 3_600_000);
      acquire.setLong(4, 900_000);
      acquire.setLong(5, 900_000);
      acquire.setNull(6, Types.VARCHAR);
      acquire.setString(7, lease);
      acquire.setString(8, id);
      try (ResultSet row = acquire.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("the acquire statement returned no row for " + id);
        }
        if (row.getInt("acquired") == 0) {
          row.getBytes("data"); // read the record, as the store does
        }
        return row.getInt("acquired");
      }
    }
  }

  /** A raw key as long as Once's ({@code once#} and 64 hex digits), so rows weigh the same. */
  private static String rawId(String key) {
    return "raw#" + "0".repeat(Math.max(0, 65 - key.length())) + key;
  }

  /** Latencies and wall time of one side of a cell, across rounds. */
  private static final class Side {
    private final List<long[]> rounds = new ArrayList<>();
    private long calls;
    private long wallNanos;
    private long cpuNanos;

    void add(long[] latencies, long wall, long cpu) {
      rounds.add(latencies);
      calls += latencies.length;
      wallNanos += wall;
      cpuNanos += cpu;
    }

    /**
     * CPU time of the calling threads per call (the driver's and Once's work, not the server's).
     */
    double cpuMicrosPerCall() {
      return cpuNanos / 1e3 / calls;
    }

    double percentile(int p) {
      long[] all = rounds.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      int index = (int) Math.ceil(p / 100.0 * all.length) - 1;
      return all[Math.max(0, index)] / 1e6;
    }

    double throughput() {
      return calls / (wallNanos / 1e9);
    }
  }
}
