package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.CorruptRecordException;
import dev.once.redis.testing.RedisExtension;
import dev.once.redis.testing.RedisServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.LeaseExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stored record that cannot be read — written by hand, by another program, or damaged — fails
 * with a {@link CorruptRecordException} naming the key and the field, from the script (acquire,
 * extend) and from the reader (find); it is never taken for absent or expired.
 */
@ExtendWith(RedisExtension.class)
class CorruptRecordTest {

  private final RedisStore store = Stores.builder(Stores.singleClient()).build();

  private String redisKey(String key) {
    return new String(store.redisKey(key), StandardCharsets.UTF_8);
  }

  private static AcquireRequest request(String key) {
    return new AcquireRequest(
        key, "lease", null, Instant.now(), Duration.ofSeconds(30), Duration.ofHours(1));
  }

  private void assertCorrupt(Throwable thrown, String key, String field) {
    assertThat(thrown).isInstanceOf(CorruptRecordException.class).hasMessageContaining(key);
    assertThat(((CorruptRecordException) thrown).key()).isEqualTo(key);
    assertThat(((CorruptRecordException) thrown).isRetryable()).isFalse();
    assertThat(thrown.getMessage()).contains(field);
  }

  @Test
  void anUnknownStatus(RedisServer redis) {
    redis.command("HSET", redisKey("k"), "status", "DONE", "expiration", "9999999999");

    assertCorrupt(catchThrowable(() -> store.acquire(request("k"))), "k", "status");
    assertCorrupt(catchThrowable(() -> store.find("k")), "k", "status");
  }

  @Test
  void aNonNumericExpiration(RedisServer redis) {
    redis.command("HSET", redisKey("k"), "status", "COMPLETED", "expiration", "tomorrow");

    assertCorrupt(catchThrowable(() -> store.acquire(request("k"))), "k", "expiration");
    assertCorrupt(catchThrowable(() -> store.find("k")), "k", "expiration");
  }

  @Test
  void aNonNumericLeaseEnd(RedisServer redis) {
    redis.command(
        "HSET",
        redisKey("k"),
        "status",
        "INPROGRESS",
        "expiration",
        "9999999999",
        "in_progress_expiration",
        "soon",
        "lease",
        "lease");

    assertCorrupt(catchThrowable(() -> store.acquire(request("k"))), "k", "in_progress_expiration");
    assertCorrupt(catchThrowable(() -> store.find("k")), "k", "in_progress_expiration");
  }

  @Test
  void aHashWithoutAStatus(RedisServer redis) {
    redis.command("HSET", redisKey("k"), "something", "else");

    assertCorrupt(catchThrowable(() -> store.acquire(request("k"))), "k", "status");
    assertCorrupt(catchThrowable(() -> store.find("k")), "k", "status");
    assertThat(redis.command("HGET", redisKey("k"), "something")).isEqualTo("else");
  }

  @Test
  void aKeyOfAnotherType(RedisServer redis) {
    redis.command("SET", redisKey("k"), "a string");

    assertCorrupt(catchThrowable(() -> store.acquire(request("k"))), "k", "type");
    assertCorrupt(catchThrowable(() -> store.find("k")), "k", "type");
    assertThat(redis.command("GET", redisKey("k"))).isEqualTo("a string");
  }

  @Test
  void extendOfARecordWithAnUnreadableExpiration(RedisServer redis) {
    redis.command(
        "HSET", redisKey("k"), "status", "INPROGRESS", "expiration", "x", "lease", "mine");

    assertCorrupt(
        catchThrowable(
            () ->
                store.extend(
                    new LeaseExtension("k", "mine", Instant.now(), Duration.ofSeconds(5)))),
        "k",
        "expiration");
  }
}
