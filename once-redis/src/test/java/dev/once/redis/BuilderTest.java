package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.spi.TimeSource;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** The builder's checks and defaults; nothing here talks to a server. */
class BuilderTest {

  @Test
  void aClientIsRequired() {
    assertThatThrownBy(() -> RedisStore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("client");
  }

  @Test
  void defaultsAreTheServerClockAndTheOncePrefix() {
    try (UnifiedJedis client = RedisStore.defaultClient(URI.create("redis://127.0.0.1:1"))) {
      RedisStore store = RedisStore.builder().client(client).build();

      assertThat(store.timeSource()).isEqualTo(TimeSource.STORE);
      assertThat(store.keyPrefix()).isEqualTo("once:");
      assertThat(store.maxDataBytes()).hasValue(512 * 1024 * 1024);
    }
  }

  @Test
  void badValuesAreNamed() {
    RedisStore.Builder builder = RedisStore.builder();
    assertThatThrownBy(() -> builder.waitForReplicas(-1, Duration.ofSeconds(1)))
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> builder.waitForReplicas(1, Duration.ZERO))
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new FieldNames("a", "a", "b", "c", "d", "e"))
        .hasMessageContaining("'a'");
    assertThatThrownBy(() -> FieldNames.defaults().withLease("")).hasMessageContaining("lease");
    assertThatThrownBy(() -> RedisStore.defaultClient(URI.create("http://localhost:6379")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://localhost:6379");
    assertThatThrownBy(() -> RedisStore.defaultClusterClient(List.of()))
        .hasMessageContaining("seed");
  }

  @Test
  void waitingForReplicasNeedsAClientWhoseConnectionsCanBePinned() {
    try (UnifiedJedis generic =
        new UnifiedJedis(
            new PooledConnectionProvider(new HostAndPort("127.0.0.1", 1)),
            1,
            Duration.ofSeconds(1))) {
      assertThatThrownBy(
              () ->
                  RedisStore.builder()
                      .client(generic)
                      .waitForReplicas(1, Duration.ofSeconds(1))
                      .build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("WAIT");
    }
  }

  @Test
  void theSettingsAreReadableAndAVariantChangesOnlyWhatItSets() {
    try (UnifiedJedis client = RedisStore.defaultClient(URI.create("redis://127.0.0.1:1"))) {
      RedisStore store =
          RedisStore.builder()
              .client(client)
              .keyPrefix("pay:")
              .timeSource(TimeSource.CALLER)
              .waitForReplicas(1, Duration.ofMillis(50))
              .build();

      RedisStore other = store.newBuilder().keyPrefix("refund:").build();

      assertThat(store.config().client()).isSameAs(client);
      assertThat(other.config().keyPrefix()).isEqualTo("refund:");
      assertThat(other.keyPrefix()).isEqualTo("refund:");
      assertThat(other.config().timeSource()).isEqualTo(TimeSource.CALLER);
      assertThat(other.config().replicas()).isEqualTo(1);
      assertThat(other.config().replicaTimeout()).isEqualTo(Duration.ofMillis(50));
      assertThat(RedisStore.builder(store.config()).build().config())
          .hasToString(store.config().toString());
      assertThat(store.keyPrefix()).isEqualTo("pay:");
    }
  }
}
