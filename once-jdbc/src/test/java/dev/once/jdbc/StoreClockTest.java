package dev.once.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.TimeSource;
import dev.once.testkit.FakeClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database's clock judges ({@link TimeSource#STORE}, the default): the times written come from
 * it, whatever the caller's clock says, so two instances whose clocks are hours apart never take
 * over each other's live records; a record is taken over, and purged, when the database's clock
 * says it ended. On the caller's clock the same skew lets one instance take over another's live
 * record — the test sees the difference it claims.
 */
class StoreClockTest {

  private static final Duration SKEW = Duration.ofHours(2);

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void timesWrittenComeFromTheDatabaseClock(SqlDialect dialect) throws SQLException {
    JdbcStore store = store(dialect, TimeSource.STORE);
    Instant farFuture = Instant.now().plus(SKEW);
    String key = "clock#" + UUID.randomUUID();
    Instant before = databaseNow(dialect).minusSeconds(1);

    store.acquire(
        new AcquireRequest(
            key, "lease-1", null, farFuture, Duration.ofSeconds(30), Duration.ofHours(1)));

    IdempotencyRecord record = store.find(key).orElseThrow();
    Instant after = databaseNow(dialect).plusSeconds(1);
    assertThat(record.inProgressExpiresAt())
        .isBetween(before.plusSeconds(30), after.plusSeconds(30));
    assertThat(record.expiresAt())
        .isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void instancesWithClocksHoursApartDoNotTakeOverEachOthersLiveRecords(SqlDialect dialect) {
    JdbcStore store = store(dialect, TimeSource.STORE);
    Idempotency behind = engine(store, Instant.now().minus(SKEW));
    Idempotency ahead = engine(store, Instant.now().plus(SKEW));
    String order = "order-" + UUID.randomUUID();

    assertThatThrownBy(
            () ->
                behind.call(
                    order,
                    String.class,
                    () -> ahead.call(order, String.class, () -> "ahead ran it too")))
        .isInstanceOf(InProgressException.class);
    assertThatThrownBy(
            () ->
                ahead.call(
                    "other-" + order,
                    String.class,
                    () -> behind.call("other-" + order, String.class, () -> "behind ran it too")))
        .isInstanceOf(InProgressException.class);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void onTheCallersClockTheSameSkewTakesALiveRecordOver(SqlDialect dialect) {
    JdbcStore store = store(dialect, TimeSource.CALLER);
    Idempotency behind = engine(store, Instant.now().minus(SKEW));
    Idempotency ahead = engine(store, Instant.now().plus(SKEW));
    String order = "order-" + UUID.randomUUID();

    AtomicReference<String> inner = new AtomicReference<>();

    catchThrowable( // behind then finds its lease taken: that is the point
        () ->
            behind.call(
                order,
                String.class,
                () -> {
                  inner.set(ahead.call(order, String.class, () -> "ahead ran it too"));
                  return "behind";
                }));

    assertThat(inner.get()).isEqualTo("ahead ran it too");
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aLeaseEndsWhenTheDatabaseClockSaysSo(SqlDialect dialect) {
    JdbcStore store = store(dialect, TimeSource.STORE);
    String key = "clock#" + UUID.randomUUID();
    Instant wayAhead = Instant.now().plus(Duration.ofDays(3650));
    store.acquire(
        new AcquireRequest(
            key, "lease-1", null, Instant.now(), Duration.ofMillis(300), Duration.ofHours(1)));

    // the caller's clock says ten years later: the database's says the lease still runs
    AcquireResult early =
        store.acquire(
            new AcquireRequest(
                key, "lease-2", null, wayAhead, Duration.ofSeconds(30), Duration.ofHours(1)));
    assertThat(early).isInstanceOf(AcquireResult.Existing.class);

    // polled with a bound: the 300 ms lease ends by the database's clock
    AcquireResult later = early;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (later instanceof AcquireResult.Existing && System.nanoTime() < deadline) {
      later =
          store.acquire(
              new AcquireRequest(
                  key,
                  "lease-3",
                  null,
                  Instant.EPOCH,
                  Duration.ofSeconds(30),
                  Duration.ofHours(1)));
    }
    assertThat(later).isEqualTo(AcquireResult.acquired());
    assertThat(store.find(key).orElseThrow().lease()).isEqualTo("lease-3");
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void purgeExpiredDeletesWhatTheDatabaseClockSaysExpiredAndNothingElse(SqlDialect dialect) {
    JdbcStore callerClock = store(dialect, TimeSource.CALLER);
    JdbcStore databaseClock = store(dialect, TimeSource.STORE);
    String expired = "purge#" + UUID.randomUUID();
    String live = "purge#" + UUID.randomUUID();
    Instant longAgo = Instant.now().minus(Duration.ofDays(2));
    callerClock.acquire(
        new AcquireRequest(
            expired, "l", null, longAgo, Duration.ofSeconds(1), Duration.ofHours(1)));
    callerClock.acquire(
        new AcquireRequest(
            live, "l", null, Instant.now(), Duration.ofSeconds(1), Duration.ofHours(1)));

    int purged = 0;
    int batch;
    do {
      batch = databaseClock.purgeExpired(Instant.EPOCH, 2).orElseThrow();
      purged += batch;
    } while (batch == 2);

    assertThat(purged).isPositive();
    assertThat(databaseClock.find(expired)).isEmpty();
    assertThat(databaseClock.find(live)).isPresent();
  }

  private static JdbcStore store(SqlDialect dialect, TimeSource timeSource) {
    JdbcStore store =
        JdbcStore.builder(Databases.pool(dialect))
            .tableName("clock_records")
            .dialect(dialect)
            .timeSource(timeSource)
            .build();
    store.createTable();
    return store;
  }

  private static Idempotency engine(JdbcStore store, Instant clockReading) {
    FakeClock clock = new FakeClock(clockReading);
    return Idempotency.builder(store)
        .keyPrefix("skew")
        .clock(clock)
        .sleeper(clock.sleeper())
        .maxRunTime(Duration.ofMinutes(1))
        .build();
  }

  private static Instant databaseNow(SqlDialect dialect) throws SQLException {
    String sql =
        switch (dialect) {
          case POSTGRESQL ->
              "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)";
          case MYSQL, MARIADB ->
              "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000";
          case H2 ->
              "SELECT DATEDIFF(MILLISECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP)";
        };
    try (Connection c = Databases.pool(dialect).getConnection();
        Statement s = c.createStatement();
        ResultSet row = s.executeQuery(sql)) {
      row.next();
      return Instant.ofEpochMilli(row.getLong(1));
    }
  }
}
