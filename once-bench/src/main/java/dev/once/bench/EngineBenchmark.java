package dev.once.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.Idempotency;
import dev.once.InMemoryStore;
import dev.once.InProgressException;
import dev.once.bench.BenchEvent.BenchReceipt;
import dev.once.spi.AcquireRequest;
import dev.once.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's own cost per call on the in-memory store, beside a baseline in the same run: Jackson
 * serialising the same event once.
 *
 * <ul>
 *   <li>{@code baselineSerialize}: {@code ObjectMapper.writeValueAsBytes(event)}
 *   <li>{@code firstCall}: a key with no live record each call: acquire, run, encode, complete. The
 *       keys cycle over 1024 order ids and a fake clock moves past the expiry window between calls,
 *       so each acquire takes over an expired record: the same work as a brand-new key, without the
 *       store growing for the whole run (which would measure the garbage collector, not the engine)
 *   <li>{@code replay}: a completed key: acquire finds it, the result is decoded
 *   <li>{@code cacheHit}: a completed key held in the local cache: no store call
 *   <li>{@code inProgress}: a key another execution holds: acquire finds it in progress, the call
 *       fails fast with {@code InProgressException} (what every concurrent duplicate pays)
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -pl once-core,once-bench -am package -DskipTests && java -jar
 * once-bench/target/benchmarks.jar EngineBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {

  /** Two hours: past the default expiry window, so each first call takes over an expired key. */
  private static final Duration PAST_EXPIRY = Duration.ofHours(2);

  @Param({"256", "1024", "16384"})
  int eventBytes;

  private final ObjectMapper mapper = new ObjectMapper();
  private BenchEvent event;
  private BenchReceipt receipt;
  private Idempotency plain;
  private Idempotency cached;
  private Idempotency fresh;
  private Idempotency busy;
  private final FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
  private int sequence;
  private BenchEvent[] freshEvents;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    event = BenchEvent.ofSize(eventBytes, mapper);
    receipt = new BenchReceipt(event.orderId(), "ch_1", event.amountCents());
    plain = Idempotency.builder(new InMemoryStore()).keyPath("orderId").build();
    cached = plain.newBuilder().localCache(1_000).build();
    plain.call(event, BenchReceipt.class, () -> receipt);
    cached.call(event, BenchReceipt.class, () -> receipt);
    freshEvents = new BenchEvent[1024];
    for (int i = 0; i < freshEvents.length; i++) {
      freshEvents[i] = event.withOrderId("order-" + i);
    }
    fresh = Idempotency.builder(new InMemoryStore()).keyPath("orderId").clock(clock).build();
    InMemoryStore held = new InMemoryStore();
    busy = Idempotency.builder(held).keyPath("orderId").build();
    held.acquire(
        new AcquireRequest(
            busy.keyOf(event),
            "another-execution",
            null,
            Instant.now(),
            Duration.ofDays(1),
            Duration.ofDays(1)));
  }

  @Benchmark
  public byte[] baselineSerialize() throws Exception {
    return mapper.writeValueAsBytes(event);
  }

  @Benchmark
  public BenchReceipt firstCall() {
    clock.advance(PAST_EXPIRY);
    BenchEvent next = freshEvents[sequence++ & 1023];
    return fresh.call(next, BenchReceipt.class, () -> receipt);
  }

  @Benchmark
  public BenchReceipt replay() {
    return plain.call(event, BenchReceipt.class, () -> receipt);
  }

  @Benchmark
  public BenchReceipt cacheHit() {
    return cached.call(event, BenchReceipt.class, () -> receipt);
  }

  @Benchmark
  public Object inProgress() {
    try {
      return busy.call(event, BenchReceipt.class, () -> receipt);
    } catch (InProgressException e) {
      return e;
    }
  }
}
