package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.redis.testing.CommandMonitor;
import dev.once.redis.testing.RedisServer;
import dev.once.spi.AcquireRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Round trips per engine path, counted by the server itself: the commands clients sent, seen
 * through {@code MONITOR} (the commands the scripts run inside the server are not round trips and
 * are left out). First call 2, duplicate 1, in progress 1; a flushed script costs one more ({@code
 * EVAL} after the {@code NOSCRIPT}), once.
 */
class RoundTripTest {

  private static RedisServer redis;
  private static RedisClient client;
  private static CommandMonitor monitor;

  private final AtomicInteger runs = new AtomicInteger();
  private RedisStore store;
  private Idempotency idempotency;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    client = RedisStore.defaultClient(redis.uri());
    monitor = CommandMonitor.start(redis.port());
  }

  @AfterAll
  static void stop() {
    monitor.close();
    client.close();
    redis.close();
  }

  @BeforeEach
  void warmUp() {
    store = Stores.builder(client).build();
    idempotency = Idempotency.builder(store).build();
    idempotency.call("warm-up", String.class, () -> "scripts loaded, connection open");
  }

  private String pay(String order) {
    return idempotency.call(order, String.class, () -> "receipt-" + runs.incrementAndGet());
  }

  @Test
  void firstCallIsTwoRoundTrips() {
    assertThat(monitor.during(() -> pay("order-1"))).containsExactly("evalsha", "evalsha");
  }

  @Test
  void duplicateIsOneRoundTrip() {
    pay("order-1");

    assertThat(monitor.during(() -> assertThat(pay("order-1")).isEqualTo("receipt-1")))
        .containsExactly("evalsha");
  }

  @Test
  void inProgressIsOneRoundTrip() {
    String key = Idempotency.builder(store).build().keyOf("order-1");
    store.acquire(
        new AcquireRequest(
            key, "other", null, Instant.now(), Duration.ofMinutes(1), Duration.ofHours(1)));

    assertThat(
            monitor.during(
                () ->
                    assertThatThrownBy(() -> pay("order-1"))
                        .isInstanceOf(InProgressException.class)))
        .containsExactly("evalsha");
    assertThat(runs).hasValue(0);
  }

  @Test
  void aFlushedScriptIsLoadedAgainOnceByEval() {
    redis.command("SCRIPT", "FLUSH");

    List<String> commands =
        monitor.during(
            () -> {
              pay("order-1");
              pay("order-2");
            });

    // order-1: acquire NOSCRIPT then EVAL, complete NOSCRIPT then EVAL; order-2: by SHA again.
    assertThat(commands)
        .containsExactly("evalsha", "eval", "evalsha", "eval", "evalsha", "evalsha");
  }
}
