package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import dev.once.IdempotencyException;
import dev.once.StoreException;
import dev.once.redis.testing.RedisServer;
import dev.once.redis.testing.TcpProxy;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.TimeSource;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.FakeClock;
import dev.once.testkit.ForwardingStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Eight callers on twenty keys while the server is killed and restarted, connections are cut by a
 * proxy and scripts are flushed, in a fixed, bounded sequence: every execution ran under a lock its
 * own acquire had just taken, every error a caller saw is one of Once's typed errors, and once the
 * faults stop no key stays held beyond its lease.
 */
class ChaosTest {

  private static final int CALLERS = 8;
  private static final int KEYS = 20;
  private static final int CALLS_PER_CALLER = 150;
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void underKillsCutsAndFlushesNothingRunsUnlockedEveryErrorIsTypedAndNothingStaysStuck()
      throws Exception {
    try (RedisServer redis = RedisServer.start();
        TcpProxy proxy = TcpProxy.start(redis.port());
        RedisClient client = RedisStore.defaultClient(proxy.uri())) {
      FakeClock clock = FakeClock.startingNow();
      LockWitness witness =
          new LockWitness(Stores.builder(client).timeSource(TimeSource.CALLER).build());
      Idempotency idempotency =
          Idempotency.builder(witness).maxRunTime(LEASE).clock(clock).sleeper(pause -> {}).build();
      Queue<Throwable> untyped = new ConcurrentLinkedQueue<>();
      Queue<String> unlocked = new ConcurrentLinkedQueue<>();
      AtomicInteger executions = new AtomicInteger();
      AtomicInteger typedErrors = new AtomicInteger();

      ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
      CountDownLatch started = new CountDownLatch(CALLERS);
      for (int c = 0; c < CALLERS; c++) {
        int caller = c;
        callers.execute(
            () -> {
              started.countDown();
              for (int i = 0; i < CALLS_PER_CALLER; i++) {
                String order = "order-" + ((caller * 7 + i) % KEYS);
                try {
                  idempotency.call(
                      order,
                      String.class,
                      () -> {
                        if (!witness.heldByThisThread()) {
                          unlocked.add(order);
                        }
                        executions.incrementAndGet();
                        return "receipt-" + order;
                      });
                } catch (IdempotencyException typed) {
                  typedErrors.incrementAndGet();
                } catch (Throwable other) {
                  untyped.add(other);
                }
              }
            });
      }
      started.await();
      injectFaults(redis, proxy);
      callers.shutdown();
      assertThat(callers.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

      assertThat(untyped).isEmpty();
      assertThat(witness.untypedFromStore).isEmpty();
      assertThat(unlocked).isEmpty();
      assertThat(executions.get()).isPositive();
      assertThat(typedErrors.get()).isPositive(); // the faults did reach the callers

      // Faults over: past every lease, each key serves again (a replay or a fresh run). A pooled
      // connection the last restart broke fails once more, as a StoreException: retried, as a
      // caller would, a bounded number of times.
      clock.advance(LEASE.plusSeconds(1));
      for (int k = 0; k < KEYS; k++) {
        String order = "order-" + k;
        assertThat(callRetryingStoreErrors(idempotency, order)).isEqualTo("receipt-" + order);
      }
    }
  }

  private static String callRetryingStoreErrors(Idempotency idempotency, String order) {
    for (int attempt = 1; ; attempt++) {
      try {
        return idempotency.call(order, String.class, () -> "receipt-" + order);
      } catch (StoreException stale) {
        if (attempt == 10) {
          throw stale;
        }
      }
    }
  }

  /** A fixed sequence of faults between short stretches of normal service. */
  private static void injectFaults(RedisServer redis, TcpProxy proxy) {
    for (int round = 0; round < 3; round++) {
      pause();
      proxy.cutOpenConnections();
      pause();
      redis.command("SCRIPT", "FLUSH");
      pause();
      proxy.drop();
      pause();
      proxy.forward();
      pause();
      redis.kill();
      pause();
      redis.restart();
    }
  }

  private static void pause() {
    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(30).toNanos());
  }

  /**
   * Watches the store's boundary: remembers, per thread, whether its last acquire took the key (the
   * work runs on the calling thread, right after its acquire), and every error the store threw that
   * is not one of Once's typed errors (the engine would wrap those; here they count).
   */
  private static final class LockWitness extends ForwardingStore {
    private final Map<Thread, Boolean> held = new ConcurrentHashMap<>();
    private final Queue<RuntimeException> untypedFromStore = new ConcurrentLinkedQueue<>();

    LockWitness(RedisStore delegate) {
      super(delegate);
    }

    @Override
    public AcquireResult acquire(AcquireRequest request) {
      held.put(Thread.currentThread(), false);
      AcquireResult result = watched(() -> super.acquire(request));
      held.put(Thread.currentThread(), result instanceof AcquireResult.Acquired);
      return result;
    }

    @Override
    public WriteOutcome complete(Completion completion) {
      return watched(() -> super.complete(completion));
    }

    @Override
    public ReleaseOutcome release(String key, String lease) {
      return watched(() -> super.release(key, lease));
    }

    @Override
    public Optional<IdempotencyRecord> find(String key) {
      return watched(() -> super.find(key));
    }

    private <T> T watched(Supplier<T> call) {
      try {
        return call.get();
      } catch (IdempotencyException typed) {
        throw typed;
      } catch (RuntimeException untyped) {
        untypedFromStore.add(untyped);
        throw untyped;
      }
    }

    boolean heldByThisThread() {
      return held.getOrDefault(Thread.currentThread(), false);
    }
  }
}
