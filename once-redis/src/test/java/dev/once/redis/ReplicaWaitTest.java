package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.StoreException;
import dev.once.redis.testing.RedisServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * {@code waitForReplicas}: after a write, {@code WAIT} on the connection that wrote. With the
 * replica up, acquire and complete succeed and the replica holds the record; with the replica
 * frozen (SIGSTOP: connected but silent), a write fails with a StoreException naming the shortfall
 * — which a WAIT sent on another pooled connection would not notice, since that connection wrote
 * nothing.
 */
class ReplicaWaitTest {

  private static RedisServer primary;
  private static RedisServer replica;
  private static RedisClient client;

  @BeforeAll
  static void start() {
    primary = RedisServer.start();
    replica = RedisServer.startReplicaOf(primary);
    client = RedisStore.defaultClient(primary.uri());
  }

  @AfterAll
  static void stop() {
    client.close();
    replica.close();
    primary.close();
  }

  private static RedisStore waiting(Duration timeout) {
    return Stores.builder(client).waitForReplicas(1, timeout).build();
  }

  private static AcquireRequest request(String key) {
    return new AcquireRequest(
        key, "lease", null, Instant.now(), Duration.ofSeconds(30), Duration.ofHours(1));
  }

  @Test
  void writesReturnOnceTheReplicaHasThem() {
    RedisStore store = waiting(Duration.ofSeconds(5));

    assertThat(store.acquire(request("a"))).isEqualTo(AcquireResult.acquired());
    assertThat(
            store.complete(
                new Completion(
                    "a",
                    "lease",
                    RecordStatus.COMPLETED,
                    "1".getBytes(StandardCharsets.UTF_8),
                    Instant.now(),
                    Duration.ofHours(1))))
        .isEqualTo(WriteOutcome.WRITTEN);

    String key = new String(store.redisKey("a"), StandardCharsets.UTF_8);
    assertThat(replica.command("HGET", key, "status")).isEqualTo("COMPLETED");
  }

  @Test
  void aReplicaThatDoesNotAcknowledgeFailsTheWriteWithAStoreError() {
    RedisStore store = waiting(Duration.ofMillis(300));
    store.acquire(request("warm")); // the pooled connection has written before: offsets move on
    replica.suspend();
    try {
      Throwable thrown = catchThrowable(() -> store.acquire(request("b")));

      assertThat(thrown)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("only 0 of 1 replicas acknowledged");
    } finally {
      replica.resume();
    }
  }

  @Test
  void aRefusedAcquireDoesNotWait() {
    RedisStore store = waiting(Duration.ofMillis(300));
    store.acquire(request("c"));
    replica.suspend();
    try {
      AcquireResult again = store.acquire(request("c"));

      assertThat(again).isInstanceOf(AcquireResult.Existing.class);
    } finally {
      replica.resume();
    }
  }
}
