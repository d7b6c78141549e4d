package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.StoreException;
import dev.once.redis.testing.RedisServer;
import dev.once.redis.testing.TcpProxy;
import dev.once.spi.AcquireRequest;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.TimeSource;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The server failing under single calls: killed, restarted empty, connections dropped or cut by a
 * loopback proxy, scripts flushed. Nothing runs without a lock, no result is lost silently, every
 * error is a {@link StoreException} keeping the client's cause. A private server behind a {@link
 * TcpProxy}, since the tests kill it. {@link ChaosTest} mixes the same faults under load.
 */
class FaultTest {

  private static RedisServer redis;
  private static TcpProxy proxy;
  private static RedisClient client;

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration EXPIRY = Duration.ofHours(1);

  private final FakeClock clock = FakeClock.startingNow();
  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();
  private RedisStore store;
  private Idempotency idempotency;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    proxy = TcpProxy.start(redis.port());
    client = RedisStore.defaultClient(proxy.uri());
  }

  @AfterAll
  static void stop() {
    client.close();
    proxy.close();
    redis.close();
  }

  @BeforeEach
  void freshStore() {
    if (!redis.isRunning()) {
      redis.restart();
    }
    proxy.forward();
    store = Stores.builder(client).timeSource(TimeSource.CALLER).build();
    idempotency =
        Idempotency.builder(store).clock(clock).sleeper(clock.sleeper()).listener(events).build();
  }

  @AfterEach
  void heal() {
    proxy.forward();
  }

  private String pay(String order) {
    return idempotency.call(order, String.class, () -> "receipt-" + runs.incrementAndGet());
  }

  /** The record as the server holds it, read past the proxy on a fresh connection. */
  private IdempotencyRecord stored(String key) {
    try (RedisClient direct = RedisStore.defaultClient(redis.uri())) {
      return RedisStore.builder()
          .client(direct)
          .keyPrefix(store.keyPrefix())
          .build()
          .find(key)
          .orElseThrow();
    }
  }

  @Test
  void aKilledServerFailsClosedWithAStoreErrorAndARestartedOneServesAgain() {
    redis.kill();

    Throwable thrown = catchThrowable(() -> pay("order-1"));

    assertThat(thrown).isInstanceOf(StoreException.class);
    assertThat(((StoreException) thrown).isRetryable()).isTrue();
    assertThat(thrown.getCause()).isInstanceOf(JedisConnectionException.class);
    assertThat(runs).hasValue(0);

    redis.restart();
    assertThat(pay("order-1")).isEqualTo("receipt-1");
    assertThat(pay("order-1")).isEqualTo("receipt-1");
  }

  @Test
  void droppedConnectionsFailClosedWithAStoreError() {
    pay("warm-up");
    proxy.drop();

    Throwable thrown = catchThrowable(() -> pay("order-1"));

    assertThat(thrown).isInstanceOf(StoreException.class);
    assertThat(thrown.getCause()).isInstanceOf(JedisConnectionException.class);
    assertThat(runs).hasValue(1);

    proxy.forward();
    assertThat(pay("order-1")).isEqualTo("receipt-2");
  }

  @Test
  void aConnectionCutDuringTheWorkIsReplacedAndTheCompletionLands() {
    String result =
        idempotency.call(
            "order-1",
            String.class,
            () -> {
              proxy.cutOpenConnections();
              return "receipt-" + runs.incrementAndGet();
            });

    assertThat(result).isEqualTo("receipt-1");
    assertThat(stored(events.lastKey()).status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(pay("order-1")).isEqualTo("receipt-1");
    assertThat(runs).hasValue(1);
  }

  @Test
  void aScriptFlushedBetweenCallsIsLoadedAgain() {
    assertThat(pay("order-1")).isEqualTo("receipt-1");
    redis.command("SCRIPT", "FLUSH");

    assertThat(pay("order-1")).isEqualTo("receipt-1");
    redis.command("SCRIPT", "FLUSH");
    assertThat(pay("order-2")).isEqualTo("receipt-2");

    assertThat(runs).hasValue(2);
    assertThat(stored(events.lastKey()).status()).isEqualTo(RecordStatus.COMPLETED);
  }

  @Test
  void theServerKilledMidRunLosesNoResultSilentlyAndRunsNothingUnlocked() {
    String result =
        idempotency.call(
            "order-1",
            String.class,
            () -> {
              redis.kill();
              return "receipt-" + runs.incrementAndGet();
            });

    assertThat(result).isEqualTo("receipt-1");
    assertThat(events.completionFailures())
        .singleElement()
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(JedisConnectionException.class));
    Throwable whileDown = catchThrowable(() -> pay("order-2"));
    assertThat(whileDown).isInstanceOf(StoreException.class);
    assertThat(runs).hasValue(1);

    // Restarted without persistence: the server is empty, the in-progress record of order-1 gone.
    redis.restart();
    assertThat(redis.command("DBSIZE")).isEqualTo(0L);
    assertThat(pay("order-2")).isEqualTo("receipt-2");
  }

  @Test
  void aFailedReleaseIsAttachedToTheUsersExceptionAndTheLeaseStillEnds() {
    IllegalStateException boom = new IllegalStateException("boom");

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "order-1",
                    String.class,
                    () -> {
                      proxy.drop();
                      throw boom;
                    }));

    assertThat(thrown).isSameAs(boom);
    assertThat(boom.getSuppressed())
        .singleElement()
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(JedisConnectionException.class));
    proxy.forward();
    String key = events.lastKey();
    assertThat(stored(key).status()).isEqualTo(RecordStatus.INPROGRESS);
    assertThat(catchThrowable(() -> pay("order-1"))).isInstanceOf(InProgressException.class);

    clock.set(stored(key).inProgressExpiresAt()); // not stuck beyond its lease
    assertThat(pay("order-1")).isEqualTo("receipt-1");
  }

  @Test
  void everyOperationOfTheStoreFailsWithAStoreErrorOfItsOwn() {
    Instant now = clock.instant();
    List<Runnable> operations =
        List.of(
            () -> store.acquire(new AcquireRequest("k", "l", null, now, LEASE, EXPIRY)),
            () ->
                store.complete(
                    new Completion("k", "l", RecordStatus.COMPLETED, new byte[] {1}, now, EXPIRY)),
            () -> store.extend(new LeaseExtension("k", "l", now, LEASE)),
            () -> store.release("k", "l"),
            () -> store.find("k"),
            () -> store.purge("k"),
            () -> store.list(EnumSet.allOf(RecordStatus.class), 10));
    for (Runnable fault : List.<Runnable>of(proxy::drop, redis::kill)) {
      fault.run();
      for (Runnable operation : operations) {
        Throwable thrown = catchThrowable(operation::run);

        assertThat(thrown).isInstanceOf(StoreException.class).hasMessageStartingWith("redis ");
        assertThat(thrown.getCause()).isInstanceOf(JedisConnectionException.class);
      }
      proxy.forward();
    }
  }
}
