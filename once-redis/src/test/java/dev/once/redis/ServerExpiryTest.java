package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.redis.testing.RedisExtension;
import dev.once.redis.testing.RedisServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.Completion;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real TTL: each record's key carries a server-side expiry at its expiration, checked on the
 * server itself ({@code EXISTS}, {@code PTTL}), not only through the store.
 */
@ExtendWith(RedisExtension.class)
class ServerExpiryTest {

  private final RedisStore store = Stores.builder(Stores.singleClient()).build();

  private String redisKey(String key) {
    return new String(store.redisKey(key), StandardCharsets.UTF_8);
  }

  @Test
  void aCompletedRecordPastItsExpirationIsGoneFromTheServer(RedisServer redis) {
    store.acquire(request("gone", Duration.ofMillis(100), Duration.ofHours(1)));
    store.complete(completion("gone", Duration.ofSeconds(1)));
    assertThat(redis.command("EXISTS", redisKey("gone"))).isEqualTo(1L);
    assertThat((Long) redis.command("PTTL", redisKey("gone"))).isBetween(1L, 2_000L);

    // Bounded poll: Redis deletes the key itself within a second or two of real time.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((Long) redis.command("EXISTS", redisKey("gone")) == 1L && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }

    assertThat(redis.command("EXISTS", redisKey("gone"))).isEqualTo(0L);
    assertThat(store.find("gone")).isEmpty();
  }

  @Test
  void theServerExpiryIsTheRecordsExpiration(RedisServer redis) {
    store.acquire(request("a", Duration.ofSeconds(30), Duration.ofHours(1)));
    store.complete(completion("a", Duration.ofHours(2)));

    long expiresAtMillis = store.find("a").orElseThrow().expiresAt().toEpochMilli();
    long serverNow = redis.time().toEpochMilli();
    long ttl = (Long) redis.command("PTTL", redisKey("a"));
    assertThat(serverNow + ttl).isBetween(expiresAtMillis - 50, expiresAtMillis + 1);
    assertThat(ttl).isGreaterThan(Duration.ofHours(2).toMillis() - 5_000);
  }

  @Test
  void anInProgressRecordDoesNotExpireBeforeItsLease(RedisServer redis) {
    // An expiry shorter than the lease: the record still outlives the lease by a second.
    store.acquire(request("long", Duration.ofSeconds(40), Duration.ofSeconds(1)));

    var record = store.find("long").orElseThrow();
    assertThat(record.expiresAt()).isAfterOrEqualTo(record.inProgressExpiresAt().plusSeconds(1));
    assertThat((Long) redis.command("PTTL", redisKey("long"))).isGreaterThan(40_000L);
  }

  @Test
  void extendingALeaseMovesTheServerExpiryPastIt(RedisServer redis) {
    store.acquire(request("ext", Duration.ofSeconds(5), Duration.ofSeconds(1)));
    assertThat((Long) redis.command("PTTL", redisKey("ext"))).isLessThan(8_000L);

    store.extend(new LeaseExtension("ext", "lease", Instant.now(), Duration.ofMinutes(2)));

    assertThat((Long) redis.command("PTTL", redisKey("ext"))).isGreaterThan(120_000L);
    var record = store.find("ext").orElseThrow();
    assertThat(record.expiresAt()).isAfterOrEqualTo(record.inProgressExpiresAt().plusSeconds(1));
  }

  @Test
  void onTheCallersClockTheServerExpiryIsRelativeSoAFarClockGetsItsWholeWindow(RedisServer redis) {
    RedisStore callerClock =
        Stores.builder(Stores.singleClient()).timeSource(TimeSource.CALLER).build();
    Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
    callerClock.acquire(
        new AcquireRequest(
            "far", "lease", null, dayAgo, Duration.ofSeconds(30), Duration.ofHours(1)));

    String key = new String(callerClock.redisKey("far"), StandardCharsets.UTF_8);
    assertThat((Long) redis.command("PTTL", key))
        .isBetween(Duration.ofHours(1).toMillis() - 5_000, Duration.ofHours(1).toMillis() + 1_000);
  }

  private static AcquireRequest request(String key, Duration lease, Duration expiry) {
    return new AcquireRequest(key, "lease", null, Instant.now(), lease, expiry);
  }

  private static Completion completion(String key, Duration expiry) {
    return new Completion(
        key,
        "lease",
        RecordStatus.COMPLETED,
        "\"r\"".getBytes(StandardCharsets.UTF_8),
        Instant.now(),
        expiry);
  }
}
