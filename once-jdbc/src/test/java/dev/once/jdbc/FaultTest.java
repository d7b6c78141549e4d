package dev.once.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import dev.once.IdempotencyException;
import dev.once.jdbc.testing.LocalDatabase;
import dev.once.jdbc.testing.MariaDbServer;
import dev.once.jdbc.testing.PostgresServer;
import dev.once.jdbc.testing.TestPool;
import dev.once.jdbc.testing.WireProxy;
import dev.once.spi.TimeSource;
import dev.once.testkit.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database failing under load: the server stopped in the middle of a run and started again, and
 * every connection reset by a proxy on the wire. Eight threads call on a few keys throughout; the
 * fake clock stands still, so no lease ends during the run. Checked: no two executions of a key
 * ever overlap (nothing runs without the lock), every error is one of Once's typed errors, the
 * fault did bite, and once the database is back and the leases have ended, every key settles in one
 * call (nothing stuck beyond its lease). Private servers, since these tests stop them.
 */
class FaultTest {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final int THREADS = 8;
  private static final int CALLS = 1600;
  private static final int KEYS = 24;

  private static PostgresServer postgres;
  private static MariaDbServer mariadb;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.start();
    mariadb = MariaDbServer.start();
  }

  @AfterAll
  static void stop() {
    postgres.close();
    mariadb.close();
  }

  @Test
  void postgresStoppedMidRun() throws Exception {
    run(postgres, SqlDialect.POSTGRESQL, proxy -> postgres.stop(), proxy -> postgres.restart());
  }

  @Test
  void postgresConnectionsDropped() throws Exception {
    run(postgres, SqlDialect.POSTGRESQL, WireProxy::drop, WireProxy::forward);
  }

  @Test
  void mariaDbKilledMidRun() throws Exception {
    run(mariadb, SqlDialect.MARIADB, proxy -> mariadb.stop(), proxy -> mariadb.restart());
  }

  @Test
  void mariaDbConnectionsDropped() throws Exception {
    run(mariadb, SqlDialect.MARIADB, WireProxy::drop, WireProxy::forward);
  }

  private static void run(
      LocalDatabase server, SqlDialect dialect, Consumer<WireProxy> fault, Consumer<WireProxy> heal)
      throws Exception {
    try (WireProxy proxy = WireProxy.start(server.port());
        TestPool pool = server.pool(proxy.port(), "faults", THREADS)) {
      JdbcStore store =
          JdbcStore.builder(pool)
              .tableName("fault_records")
              .dialect(dialect)
              .timeSource(TimeSource.CALLER) // the fake clock ends the leases
              .build();
      store.createTable();
      FakeClock clock = FakeClock.startingNow();
      Idempotency once =
          Idempotency.builder(store)
              .keyPrefix("faults-" + ThreadLocalRandom.current().nextInt(1_000_000))
              .clock(clock)
              .sleeper(clock.sleeper())
              .maxRunTime(LEASE)
              .build();
      Load load = new Load(once);
      load.run(() -> fault.accept(proxy), () -> heal.accept(proxy));

      assertThat(load.overlaps).as("executions of one key that overlapped").isEmpty();
      assertThat(load.untyped).as("errors that are not Once's typed errors").isEmpty();
      assertThat(load.typedErrors.get()).as("calls the fault failed").isPositive();
      clock.advance(LEASE.plusSeconds(1));
      for (int key = 0; key < KEYS; key++) {
        assertThat(load.call(key)).startsWith("receipt-" + key + "-");
      }
    }
  }

  /** Eight threads calling on {@link #KEYS} keys, a fault a third of the way, healed at two. */
  private static final class Load {
    private final Idempotency once;
    private final Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Set<Integer> overlaps = ConcurrentHashMap.newKeySet();
    private final List<Throwable> untyped = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger typedErrors = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();

    Load(Idempotency once) {
      this.once = once;
    }

    void run(Runnable fault, Runnable heal) throws Exception {
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          done.add(threads.submit(() -> calls(fault, heal)));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        threads.shutdownNow();
      }
    }

    private void calls(Runnable fault, Runnable heal) {
      int n;
      while ((n = started.incrementAndGet()) <= CALLS) {
        if (n == CALLS / 3) {
          fault.run();
        } else if (n == 2 * CALLS / 3) {
          heal.run();
        }
        try {
          call(ThreadLocalRandom.current().nextInt(KEYS));
        } catch (IdempotencyException expected) {
          typedErrors.incrementAndGet();
        } catch (RuntimeException e) {
          untyped.add(e);
        }
      }
    }

    String call(int key) {
      return once.call(
          "order-" + key,
          String.class,
          () -> {
            AtomicInteger active = running.computeIfAbsent(key, k -> new AtomicInteger());
            if (active.incrementAndGet() > 1) {
              overlaps.add(key);
            }
            try {
              LockSupport.parkNanos(200_000); // the work takes a moment: overlaps would show
              return "receipt-" + key + "-" + ThreadLocalRandom.current().nextLong();
            } finally {
              active.decrementAndGet();
            }
          });
    }
  }
}
