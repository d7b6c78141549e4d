package dev.once.redis.bench;

import dev.once.Idempotency;
import dev.once.redis.FieldNames;
import dev.once.redis.RedisStore;
import dev.once.redis.internal.Scripts;
import dev.once.redis.testing.RedisServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Latency and throughput of Once over {@link RedisStore} beside the raw Jedis client issuing the
 * same scripts by hand, against one local redis-server, in one run: first calls ({@code EVALSHA}
 * acquire, then complete), duplicates of completed keys (one acquire that returns the record), one
 * at a time and 16 in flight. The two sides alternate in blocks, on one client (a pool of 16
 * connections), so that drift on a shared machine hits both alike; a warm-up round of each comes
 * first.
 *
 * <p>Run: see once-redis/README.md. Arguments: [calls per block, default 160] [rounds, default
 * 100]: short blocks, many rounds, so that the sides share the machine's moods.
 */
public final class StoreLatencyBench {

  private static final int IN_FLIGHT = 16;
  private static final String RESULT = "receipt-0001";
  private static final byte[] RESULT_JSON = ("\"" + RESULT + "\"").getBytes(StandardCharsets.UTF_8);
  private static final byte[] LEASE_MICROS = bytes(Long.toString(15 * 60 * 1_000_000L));
  private static final byte[] EXPIRY_MICROS = bytes(Long.toString(3_600 * 1_000_000L));
  private static final Duration LEASE = Duration.ofMinutes(15);
  private static final Duration EXPIRY = Duration.ofHours(1);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final RedisClient client;
  private final Idempotency once;
  private final Idempotency onceUnrenewed;
  private final RedisStore store;
  private final Scripts scripts = Scripts.render(FieldNames.defaults());

  private StoreLatencyBench(RedisClient client) {
    this.client = client;
    this.store = RedisStore.builder().client(client).build();
    this.once = Idempotency.builder(store).build();
    this.onceUnrenewed =
        Idempotency.builder(store).keyPrefix("unrenewed").leaseRenewal(false).build();
    // The raw side calls by SHA only: load the scripts it uses up front.
    client.scriptLoad(scripts.acquire().text(), bytes("any"));
    client.scriptLoad(scripts.complete().text(), bytes("any"));
  }

  /** One call of one side on one key. */
  private interface Side {
    void call(String order);
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 160;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    try (RedisServer redis = RedisServer.start();
        RedisClient client = pooledClient(redis.port())) {
      StoreLatencyBench bench = new StoreLatencyBench(client);
      System.out.printf(
          Locale.ROOT,
          "%s, %d calls x %d rounds per side and cell, %d cores, Java %s%n",
          redis
              .info("server")
              .lines()
              .filter(l -> l.startsWith("redis_version"))
              .findFirst()
              .orElse("redis"),
          calls,
          rounds,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.printf(
          "%-24s %-22s %9s %9s %10s %8s%n",
          "path", "side", "median ms", "p99 ms", "calls/s", "vs raw");
      for (int inFlight : new int[] {1, IN_FLIGHT}) {
        bench.compare("first call", inFlight, calls, rounds, false);
        bench.compare("duplicate", inFlight, calls, rounds, true);
      }
    }
  }

  private static RedisClient pooledClient(int port) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(IN_FLIGHT);
    pool.setMaxIdle(IN_FLIGHT);
    pool.setJmxEnabled(false);
    return RedisClient.builder()
        .hostAndPort(new HostAndPort("127.0.0.1", port))
        .clientConfig(DefaultJedisClientConfig.builder().build())
        .poolConfig(pool)
        .build();
  }

  /** One side of the comparison: how it makes a first call, and a duplicate. */
  private record Contender(String name, Side firstCall, Side duplicate) {}

  private List<Contender> contenders() {
    Side onceCall = order -> once.call(order, String.class, () -> RESULT);
    Side unrenewedCall = order -> onceUnrenewed.call(order, String.class, () -> RESULT);
    return List.of(
        new Contender("once", onceCall, onceCall),
        new Contender("once, no lease renewal", unrenewedCall, unrenewedCall),
        new Contender("store", this::storeFirstCall, this::storeDuplicate),
        new Contender("raw", this::rawFirstCall, this::rawDuplicate));
  }

  private void compare(String path, int inFlight, int calls, int rounds, boolean duplicate)
      throws Exception {
    List<Contender> contenders = contenders();
    List<List<String>> keys = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    for (Contender contender : contenders) {
      keys.add(duplicate ? completed(contender.firstCall(), calls) : null);
      samples.add(new Sample());
    }
    for (int round = -1; round < rounds; round++) { // round -1: warm-up, not counted
      for (int i = 0; i < contenders.size(); i++) {
        Contender contender = contenders.get(i);
        Side side = duplicate ? contender.duplicate() : contender.firstCall();
        block(side, inFlight, calls, keys.get(i), round < 0 ? new Sample() : samples.get(i));
      }
    }
    String label = path + (inFlight == 1 ? ", one at a time" : ", " + inFlight + " in flight");
    Sample raw = samples.get(contenders.size() - 1);
    for (int i = 0; i < contenders.size(); i++) {
      String name = contenders.get(i).name();
      print(i == 0 ? label : "", name, samples.get(i), name.equals("raw") ? null : raw);
    }
  }

  /** {@code n} keys completed by {@code side}, for its duplicates. */
  private static List<String> completed(Side side, int n) {
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String key = "dup-" + SEQUENCE.incrementAndGet();
      side.call(key);
      keys.add(key);
    }
    return keys;
  }

  /** {@code calls} calls, {@code inFlight} at a time: fresh keys, or the given ones. */
  private static void block(Side side, int inFlight, int calls, List<String> keys, Sample sample)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(inFlight);
    try {
      long start = System.nanoTime();
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < inFlight; t++) {
        int thread = t;
        parts.add(
            threads.submit(
                () -> {
                  long[] latencies = new long[calls / inFlight];
                  for (int i = 0; i < latencies.length; i++) {
                    String key =
                        keys == null
                            ? "order-" + SEQUENCE.incrementAndGet()
                            : keys.get(thread * latencies.length + i);
                    long t0 = System.nanoTime();
                    side.call(key);
                    latencies[i] = System.nanoTime() - t0;
                  }
                  return latencies;
                }));
      }
      for (Future<long[]> part : parts) {
        sample.add(part.get());
      }
      sample.elapsed += System.nanoTime() - start;
    } finally {
      threads.shutdownNow();
    }
  }

  /** RedisStore alone, without the engine: the requests the engine would send. */
  private void storeFirstCall(String order) {
    String lease = Long.toHexString(SEQUENCE.incrementAndGet()) + "00000000000000000000000000";
    if (!(store.acquire(
            new AcquireRequest("store:" + order, lease, null, Instant.now(), LEASE, EXPIRY))
        instanceof AcquireResult.Acquired)) {
      throw new IllegalStateException("store acquire of " + order + " did not write");
    }
    Completion done =
        new Completion(
            "store:" + order, lease, RecordStatus.COMPLETED, RESULT_JSON, Instant.now(), EXPIRY);
    if (store.complete(done) != WriteOutcome.WRITTEN) {
      throw new IllegalStateException("store complete of " + order + " lost its lease");
    }
  }

  private void storeDuplicate(String order) {
    AcquireRequest again =
        new AcquireRequest("store:" + order, "another-lease", null, Instant.now(), LEASE, EXPIRY);
    if (!(store.acquire(again) instanceof AcquireResult.Existing)) {
      throw new IllegalStateException("store duplicate of " + order + " acquired");
    }
  }

  private void rawFirstCall(String order) {
    byte[] key = bytes("raw:" + order);
    byte[] lease =
        bytes(Long.toHexString(SEQUENCE.incrementAndGet()) + "00000000000000000000000000");
    Object acquired =
        client.evalsha(
            scripts.acquire().sha(),
            List.of(key),
            List.of(new byte[0], LEASE_MICROS, EXPIRY_MICROS, lease));
    if (!Long.valueOf(1).equals(acquired)) {
      throw new IllegalStateException("raw acquire of " + order + " did not write: " + acquired);
    }
    Object completed =
        client.evalsha(
            scripts.complete().sha(),
            List.of(key),
            List.of(new byte[0], EXPIRY_MICROS, lease, bytes("COMPLETED"), RESULT_JSON));
    if (!Long.valueOf(1).equals(completed)) {
      throw new IllegalStateException("raw complete of " + order + " lost its lease");
    }
  }

  private void rawDuplicate(String order) {
    Object existing =
        client.evalsha(
            scripts.acquire().sha(),
            List.of(bytes("raw:" + order)),
            List.of(new byte[0], LEASE_MICROS, EXPIRY_MICROS, bytes("another-lease")));
    if (!(existing instanceof List<?>)) {
      throw new IllegalStateException("raw duplicate of " + order + " acquired: " + existing);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Latencies and wall time of one side in one cell. */
  private static final class Sample {
    private long[] latencies = new long[0];
    private long elapsed;

    void add(long[] more) {
      int from = latencies.length;
      latencies = Arrays.copyOf(latencies, from + more.length);
      System.arraycopy(more, 0, latencies, from, more.length);
    }

    double percentile(double p) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return sorted[(int) Math.ceil(sorted.length * p) - 1] / 1e6;
    }

    double perSecond() {
      return latencies.length / (elapsed / 1e9);
    }
  }

  private static void print(String path, String side, Sample sample, Sample raw) {
    String versus =
        raw == null
            ? ""
            : String.format(Locale.ROOT, "%.2fx", sample.percentile(0.5) / raw.percentile(0.5));
    System.out.printf(
        Locale.ROOT,
        "%-24s %-22s %9.3f %9.3f %10.0f %8s%n",
        path,
        side,
        sample.percentile(0.5),
        sample.percentile(0.99),
        sample.perSecond(),
        versus);
  }
}
