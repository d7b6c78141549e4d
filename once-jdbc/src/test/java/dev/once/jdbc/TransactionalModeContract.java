package dev.once.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.LeaseLostException;
import dev.once.ResultType;
import dev.once.spi.AcquireRequest;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.TimeSource;
import dev.once.testkit.FakeClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transactional mode on one dialect, through {@code Idempotency.callInTransaction}: the work's
 * effect (a row in a ledger table) and the completed record commit together; a throw rolls both
 * back and frees the key; a lost lease rolls the effect back; duplicates see the key in progress at
 * once while the work runs; a transaction the caller holds carries the completion and the caller's
 * commit decides. Subclasses name the database.
 */
abstract class TransactionalModeContract {

  private static final ResultType<String> TEXT = ResultType.of(String.class);

  private final FakeClock clock = FakeClock.startingNow();
  private final AtomicInteger runs = new AtomicInteger();
  private DataSource dataSource;
  private JdbcStore store;
  private Idempotency once;
  private String ledger;

  /** The dialect under test. */
  abstract SqlDialect dialect();

  @BeforeEach
  void open() throws SQLException {
    dataSource = Databases.pool(dialect());
    store =
        JdbcStore.builder(dataSource)
            .tableName("tx_records")
            .dialect(dialect())
            .timeSource(TimeSource.CALLER)
            .build();
    store.createTable();
    ledger = "tx_ledger";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + ledger
              + " (charge_id VARCHAR(64) NOT NULL PRIMARY KEY, order_id VARCHAR(255) NOT NULL)");
    }
    once =
        Idempotency.builder(store)
            .keyPrefix("tx-" + UUID.randomUUID())
            .clock(clock)
            .sleeper(clock.sleeper())
            .maxRunTime(Duration.ofSeconds(30))
            .build();
  }

  @Test
  void theEffectAndTheCompletedRecordCommitTogether() throws SQLException {
    String order = order();

    String receipt = pay(order);
    String again = pay(order);

    assertThat(again).isEqualTo(receipt);
    assertThat(runs).hasValue(1);
    assertThat(charges(order)).isEqualTo(1);
    assertThat(store.find(once.keyOf(order)).orElseThrow().status())
        .isEqualTo(RecordStatus.COMPLETED);
  }

  @Test
  void aThrowRollsTheEffectBackReleasesTheKeyAndRethrowsUnchanged() throws SQLException {
    String order = order();
    IllegalStateException failure = new IllegalStateException("card declined");

    Throwable thrown =
        catchThrowable(
            () ->
                once.callInTransaction(
                    order,
                    TEXT,
                    null,
                    (Connection c) -> {
                      charge(c, order);
                      throw failure;
                    }));

    assertThat(thrown).isSameAs(failure);
    assertThat(charges(order)).isZero();
    assertThat(store.find(once.keyOf(order))).isEmpty();
    assertThat(pay(order)).isNotNull();
    assertThat(charges(order)).isEqualTo(1);
  }

  @Test
  void aLeaseLostBeforeTheCompletionRollsTheEffectBack() throws SQLException {
    String order = order();
    String key = once.keyOf(order);

    assertThatThrownBy(
            () ->
                once.callInTransaction(
                    order,
                    TEXT,
                    null,
                    (Connection c) -> {
                      String receipt = charge(c, order);
                      // another holder took the key over (as after this lease ended)
                      store.purge(key);
                      store.acquire(
                          new AcquireRequest(
                              key,
                              "thief",
                              null,
                              clock.instant(),
                              Duration.ofMinutes(1),
                              Duration.ofHours(1)));
                      return receipt;
                    }))
        .isInstanceOf(LeaseLostException.class);

    assertThat(charges(order)).isZero();
    assertThat(store.find(key).orElseThrow().lease()).isEqualTo("thief");
  }

  @Test
  void duplicatesSeeTheKeyInProgressAtOnceWhileTheWorkRuns() throws Exception {
    String order = order();
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<String> first =
          threads.submit(
              () ->
                  once.callInTransaction(
                      order,
                      TEXT,
                      null,
                      (Connection c) -> {
                        String receipt = charge(c, order);
                        working.countDown();
                        finish.await();
                        return receipt;
                      }));
      assertThat(working.await(30, TimeUnit.SECONDS)).isTrue();

      Future<Throwable> duplicate =
          threads.submit(
              () -> catchThrowable(() -> once.call(order, String.class, () -> "second")));
      // bounded: a duplicate blocked on a row lock would wait for `finish`, which comes after
      assertThat(duplicate.get(30, TimeUnit.SECONDS)).isInstanceOf(InProgressException.class);

      finish.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS)).isNotNull();
    } finally {
      finish.countDown();
      threads.shutdownNow();
    }
    assertThat(charges(order)).isEqualTo(1);
  }

  @Test
  void theCallersOwnTransactionCarriesTheCompletionAndItsCommitDecides() throws SQLException {
    String order = order();
    String key = once.keyOf(order);
    try (Connection mine = dataSource.getConnection()) {
      mine.setAutoCommit(false);
      String receipt =
          once.callInTransaction(order, TEXT, null, mine, (Connection c) -> charge(c, order));

      assertThat(store.find(key).orElseThrow().status())
          .as("not committed yet: others see the key in progress")
          .isEqualTo(RecordStatus.INPROGRESS);
      assertThat(charges(order)).isZero();

      mine.commit();
      mine.setAutoCommit(true);
      assertThat(store.find(key).orElseThrow().status()).isEqualTo(RecordStatus.COMPLETED);
      assertThat(charges(order)).isEqualTo(1);
      assertThat(pay(order)).isEqualTo(receipt);
    }
  }

  @Test
  void theCallersRollbackTakesTheEffectAndTheCompletionAway() throws SQLException {
    String order = order();
    String key = once.keyOf(order);
    try (Connection mine = dataSource.getConnection()) {
      mine.setAutoCommit(false);
      once.callInTransaction(order, TEXT, null, mine, (Connection c) -> charge(c, order));
      mine.rollback();
      mine.setAutoCommit(true);
    }

    IdempotencyRecord left = store.find(key).orElseThrow();
    assertThat(left.status())
        .as("held until its lease ends, as after a crash")
        .isEqualTo(RecordStatus.INPROGRESS);
    assertThat(charges(order)).isZero();
    clock.advance(Duration.ofSeconds(31));
    pay(order);
    assertThat(charges(order)).isEqualTo(1);
  }

  /** One delivery of {@code order}, in a transaction of the store's own. */
  private String pay(String order) throws SQLException {
    return once.callInTransaction(order, TEXT, null, (Connection c) -> charge(c, order));
  }

  private String order() {
    return "order-" + UUID.randomUUID();
  }

  private String charge(Connection transaction, String order) throws SQLException {
    runs.incrementAndGet();
    String chargeId = "ch_" + UUID.randomUUID();
    try (PreparedStatement insert =
        transaction.prepareStatement(
            "INSERT INTO " + ledger + " (charge_id, order_id) VALUES (?, ?)")) {
      insert.setString(1, chargeId);
      insert.setString(2, order);
      insert.executeUpdate();
    }
    return chargeId;
  }

  private int charges(String order) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM " + ledger + " WHERE order_id = ?")) {
      s.setString(1, order);
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }
}
