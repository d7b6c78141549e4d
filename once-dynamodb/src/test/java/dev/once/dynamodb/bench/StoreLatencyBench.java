package dev.once.dynamodb.bench;

import dev.once.Idempotency;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Latency and throughput of Once over DynamoDbStore beside the raw SDK issuing the same calls,
 * against dynalite, in one run: first calls (a conditional PutItem, then an UpdateItem) and
 * duplicates of completed keys (a failing conditional PutItem, then a consistent GetItem, as
 * dynalite returns no old item), sequential and with 16 in flight. The two sides alternate in
 * rounds on one client so that drift on a shared machine hits both alike.
 *
 * <p>Run: see once-dynamodb/README.md. Arguments: [calls per round, default 400] [rounds, default
 * 5].
 */
public final class StoreLatencyBench {

  private static final String CONDITION =
      "attribute_not_exists(#k) OR #exp <= :nows OR (#st = :inprogress AND #ipe <= :nowms)";
  private static final Map<String, String> NAMES =
      Map.of("#k", "id", "#exp", "expiration", "#st", "status", "#ipe", "in_progress_expiration");
  private static final byte[] RESULT = "\"receipt-0001\"".getBytes();
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final DynamoDbClient client;
  private final String table;
  private final Idempotency once;

  private StoreLatencyBench(DynamoDbClient client, String table) {
    this.client = client;
    this.table = table;
    this.once =
        Idempotency.builder(DynamoDbStore.builder().client(client).tableName(table).build())
            .build();
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("http.maxConnections", "32"); // keep-alive for 16 in flight
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    try (DynaliteServer dynalite = DynaliteServer.start()) {
      DynamoDbClient client = dynalite.client();
      DynamoDbStore store = DynamoDbStore.builder().client(client).tableName("bench").build();
      store.createTable();
      StoreLatencyBench bench = new StoreLatencyBench(client, "bench");
      System.out.printf(
          "dynalite 4.0.0, %d calls x %d rounds per side and cell, %d cores, Java %s%n",
          calls,
          rounds,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.printf(
          "%-22s %-5s %9s %9s %10s %8s%n",
          "path", "side", "median ms", "p99 ms", "calls/s", "vs raw");
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
        "%-22s %-5s %9.3f %9.3f %10.0f %+7.1f%%%n",
        label,
        "once",
        onceSide.percentile(50),
        onceSide.percentile(99),
        onceSide.throughput(),
        100 * (onceSide.percentile(50) / rawMedian - 1));
    System.out.printf(
        Locale.ROOT,
        "%-22s %-5s %9.3f %9.3f %10.0f%n",
        "",
        "raw",
        rawMedian,
        rawSide.percentile(99),
        rawSide.throughput());
  }

  private List<String> completedKeys(int count, boolean viaOnce) {
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
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < inFlight; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
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
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    side.add(latencies, System.nanoTime() - start);
  }

  private void onceCall(String key) {
    once.call(key, String.class, () -> "receipt-0001");
  }

  /** What DynamoDbStore sends for a first call, by hand. */
  private void rawFirstCall(String key) {
    Instant now = Instant.now();
    String lease = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(rawId(key)));
    item.put("status", AttributeValue.fromS("INPROGRESS"));
    item.put("expiration", AttributeValue.fromN(Long.toString(now.getEpochSecond() + 3600)));
    item.put(
        "in_progress_expiration",
        AttributeValue.fromN(Long.toString(now.toEpochMilli() + 900_000)));
    item.put("lease", AttributeValue.fromS(lease));
    client.putItem(
        p ->
            p.tableName(table)
                .item(item)
                .conditionExpression(CONDITION)
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(nowValues(now))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    client.updateItem(
        u ->
            u.tableName(table)
                .key(Map.of("id", AttributeValue.fromS(rawId(key))))
                .updateExpression("SET #st = :st, #data = :data, #exp = :exp")
                .conditionExpression("#lease = :lease")
                .expressionAttributeNames(
                    Map.of(
                        "#st", "status", "#data", "data", "#exp", "expiration", "#lease", "lease"))
                .expressionAttributeValues(
                    Map.of(
                        ":st",
                        AttributeValue.fromS("COMPLETED"),
                        ":data",
                        AttributeValue.fromB(SdkBytes.fromByteArray(RESULT)),
                        ":exp",
                        AttributeValue.fromN(Long.toString(now.getEpochSecond() + 3600)),
                        ":lease",
                        AttributeValue.fromS(lease))));
  }

  /** What DynamoDbStore sends for a duplicate on dynalite, by hand. */
  private void rawDuplicate(String key) {
    Instant now = Instant.now();
    Map<String, AttributeValue> id = Map.of("id", AttributeValue.fromS(rawId(key)));
    Map<String, AttributeValue> item = new HashMap<>(id);
    item.put("status", AttributeValue.fromS("INPROGRESS"));
    item.put("expiration", AttributeValue.fromN(Long.toString(now.getEpochSecond() + 3600)));
    item.put("lease", AttributeValue.fromS("x"));
    try {
      client.putItem(
          p ->
              p.tableName(table)
                  .item(item)
                  .conditionExpression(CONDITION)
                  .expressionAttributeNames(NAMES)
                  .expressionAttributeValues(nowValues(now))
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      throw new IllegalStateException("the duplicate's key " + key + " was free");
    } catch (ConditionalCheckFailedException expected) {
      client.getItem(g -> g.tableName(table).key(id).consistentRead(true));
    }
  }

  /** A raw key as long as Once's ({@code once#} and 64 hex digits), so items weigh the same. */
  private static String rawId(String key) {
    return "raw#" + "0".repeat(Math.max(0, 65 - key.length())) + key;
  }

  private static Map<String, AttributeValue> nowValues(Instant now) {
    return Map.of(
        ":nows", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
        ":nowms", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
        ":inprogress", AttributeValue.fromS("INPROGRESS"));
  }

  /** Latencies and wall time of one side of a cell, across rounds. */
  private static final class Side {
    private final List<long[]> rounds = new ArrayList<>();
    private long calls;
    private long wallNanos;

    void add(long[] latencies, long wall) {
      rounds.add(latencies);
      calls += latencies.length;
      wallNanos += wall;
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
