package dev.once.dynamodb.history;

import dev.once.Idempotency;
import dev.once.IdempotencyListener;
import dev.once.ResultType;
import dev.once.StoreException;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.spi.AcquireRequest;
import java.net.URI;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One JVM of the history check: threads that call Once on a small, moving key space through the
 * fault proxy, each execution logging its effect to the {@link EffectsLog}. Run by {@link
 * HistoryRun} as a child process:
 *
 * <pre>
 * java -cp ... dev.once.dynamodb.history.HistoryWorker endpoint=URL table=NAME log=FILE worker=ID
 *     calls=N threads=T seed=S epoch=MILLIS generationMillis=G keys=K attemptTimeoutMillis=A
 * </pre>
 *
 * Keys come in generations: {@code g<n>-k<i>}, with {@code n} the number of {@code
 * generationMillis} since {@code epoch} and {@code i} below {@code keys}, so that every JVM
 * contends for the same few keys at any moment, and new keys keep needing a first execution; one
 * call in five goes back one to four generations. Most calls pass a remaining time of 1.5 to 4 s,
 * as Lambda does, and run 5 to 50 ms; one in twenty passes none and runs 2 to 4 s on 1.5 s leases,
 * renewed while it runs; one execution in twenty-five throws (the key is released and a later call
 * runs it again).
 */
public final class HistoryWorker {

  /** The lease of calls without a remaining time; their work outlives it and renews it. */
  static final Duration LONG_LEASE = Duration.ofMillis(1_500);

  static final String PREFIX = "history";

  private final Idempotency idempotency;
  private final LeaseTrackingStore store;
  private final EffectsLog log;
  private final String worker;
  private final long epoch;
  private final int generationMillis;
  private final int keys;
  private final AtomicInteger executions = new AtomicInteger();
  private final ThreadLocal<boolean[]> completionFailed =
      ThreadLocal.withInitial(() -> new boolean[1]);

  private HistoryWorker(
      LeaseTrackingStore store,
      EffectsLog log,
      String worker,
      long epoch,
      int generationMillis,
      int keys) {
    this.store = store;
    this.log = log;
    this.worker = worker;
    this.epoch = epoch;
    this.generationMillis = generationMillis;
    this.keys = keys;
    this.idempotency =
        idempotency(store)
            .listener(
                new IdempotencyListener() {
                  @Override
                  public void onCompletionFailed(String key, StoreException error) {
                    completionFailed.get()[0] = true;
                  }
                })
            .build();
  }

  /** The settings every JVM of the check and its analysis share. */
  static Idempotency.Builder idempotency(dev.once.spi.IdempotencyStore store) {
    return Idempotency.builder(store)
        .keyPrefix(PREFIX)
        .expiry(Duration.ofHours(1))
        .maxRunTime(LONG_LEASE);
  }

  /**
   * Makes the calls the arguments ask for, then exits: 0 when every calling thread finished, 1 when
   * one died of an unexpected error (printed on standard error).
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> settings = parse(args);
    int attemptTimeout = Integer.parseInt(settings.get("attemptTimeoutMillis"));
    AtomicBoolean broken = new AtomicBoolean();
    try (DynamoDbClient client = client(URI.create(settings.get("endpoint")), attemptTimeout);
        EffectsLog log = new EffectsLog(Paths.get(settings.get("log")))) {
      LeaseTrackingStore store =
          new LeaseTrackingStore(
              DynamoDbStore.builder().client(client).tableName(settings.get("table")).build());
      HistoryWorker worker =
          new HistoryWorker(
              store,
              log,
              settings.get("worker"),
              Long.parseLong(settings.get("epoch")),
              Integer.parseInt(settings.get("generationMillis")),
              Integer.parseInt(settings.get("keys")));
      AtomicInteger left = new AtomicInteger(Integer.parseInt(settings.get("calls")));
      long seed = Long.parseLong(settings.get("seed"));
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < Integer.parseInt(settings.get("threads")); t++) {
        Random random = new Random(seed * 31 + t);
        Thread thread =
            new Thread(
                () -> {
                  try {
                    while (left.getAndDecrement() > 0) {
                      worker.oneCall(random);
                    }
                  } catch (RuntimeException | Error e) {
                    broken.set(true);
                    e.printStackTrace();
                  }
                },
                "caller-" + t);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    System.exit(broken.get() ? 1 : 0);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> settings = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("arguments are name=value, not " + arg);
      }
      settings.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return settings;
  }

  /** A client with short timeouts: the proxy's late answers outlast one attempt. */
  static DynamoDbClient client(URI endpoint, int attemptTimeoutMillis) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofMillis(500))
                .socketTimeout(Duration.ofMillis(attemptTimeoutMillis)))
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build())
                    .apiCallAttemptTimeout(Duration.ofMillis(attemptTimeoutMillis))
                    .apiCallTimeout(Duration.ofMillis(attemptTimeoutMillis * 3L)))
        .build();
  }

  private void oneCall(Random random) {
    long generation = (System.currentTimeMillis() - epoch) / generationMillis;
    if (random.nextInt(5) == 0) {
      // One call in five goes back to a key of the last few generations: replays, and takeovers
      // of keys left in progress once their leases have ended.
      generation = Math.max(0, generation - 1 - random.nextInt(4));
    }
    String input = "g" + generation + "-k" + random.nextInt(keys);
    boolean longWork = random.nextInt(20) == 0;
    Duration work =
        Duration.ofMillis(longWork ? 2_000 + random.nextInt(2_000) : 5 + random.nextInt(46));
    boolean fails = random.nextInt(25) == 0;
    store.startCall();
    completionFailed.get()[0] = false;
    long start = EffectsLog.now();
    String outcome;
    String detail;
    try {
      ResultType<String> type = ResultType.of(String.class);
      String result =
          longWork
              ? idempotency.call(input, type, () -> execute(input, work, fails))
              : idempotency.call(
                  input,
                  type,
                  Duration.ofMillis(1_500 + random.nextInt(2_500)),
                  () -> execute(input, work, fails));
      outcome = "OK";
      detail = result;
    } catch (RuntimeException e) {
      outcome = e.getClass().getSimpleName();
      detail = e.getCause() == null ? null : e.getCause().getClass().getSimpleName();
    }
    AcquireRequest acquire = store.lastAcquire();
    log.append(
        EffectsLog.CALL,
        input,
        acquire == null ? null : acquire.lease(),
        start,
        EffectsLog.now(),
        outcome,
        detail,
        completionFailed.get()[0] ? "CF" : null,
        store.lastRelease());
    if (acquire != null) {
      store.forget(acquire);
    }
  }

  /** The effect: logged before it starts and when it ends, under the lease the call holds. */
  private String execute(String input, Duration work, boolean fails) {
    String id = worker + "-" + executions.incrementAndGet();
    AcquireRequest held = store.lastAcquire();
    log.append(
        EffectsLog.START,
        id,
        input,
        held.lease(),
        EffectsLog.micros(store.leaseEnd(held)),
        EffectsLog.now());
    try {
      Thread.sleep(work.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String outcome = fails ? "threw" : id;
    log.append(
        EffectsLog.END,
        id,
        input,
        held.lease(),
        EffectsLog.micros(store.leaseEnd(held)),
        EffectsLog.now(),
        outcome);
    if (fails) {
      throw new WorkFailed(id);
    }
    return id;
  }

  /** The work's own failure: the engine releases the key and rethrows it. */
  static final class WorkFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkFailed(String execution) {
      super("execution " + execution + " failed");
    }
  }
}
