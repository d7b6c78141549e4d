package dev.once.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test servers themselves: what the other tests rely on them for. */
@ExtendWith(RedisExtension.class)
class RedisServersTest {

  @Test
  void serverRunsWithoutPersistenceAndRestartsEmptyOnTheSamePort() {
    try (RedisServer redis = RedisServer.start()) {
      assertThat(redis.command("CONFIG", "GET", "save")).asList().containsExactly("save", "");
      assertThat(redis.command("CONFIG", "GET", "appendonly"))
          .asList()
          .containsExactly("appendonly", "no");
      redis.command("SET", "k", "v");
      int port = redis.port();

      redis.kill();
      assertThat(redis.isRunning()).isFalse();
      assertThatThrownBy(() -> redis.command("PING")).isInstanceOf(UncheckedIOException.class);
      redis.restart();

      assertThat(redis.port()).isEqualTo(port);
      assertThat(redis.command("EXISTS", "k")).isEqualTo(0L);
    }
  }

  @Test
  void closeStopsTheServerAndDeletesItsFiles() {
    RedisServer redis = RedisServer.start();
    Path dir = Path.of((String) ((java.util.List<?>) redis.command("CONFIG", "GET", "dir")).get(1));
    assertThat(dir).isDirectory();

    redis.close();

    assertThat(Files.exists(dir)).isFalse();
    assertThatThrownBy(() -> redis.command("PING")).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void replicaConnectsToItsPrimary() {
    try (RedisServer primary = RedisServer.start();
        RedisServer replica = RedisServer.startReplicaOf(primary)) {
      assertThat(primary.command("WAIT", "1", "5000")).isEqualTo(1L);
      assertThat(replica.info("replication")).contains("role:slave");
    }
  }

  @Test
  void clusterHasThreePrimariesCoveringEverySlot(RedisCluster cluster) {
    assertThat(cluster.ports()).hasSize(3).doesNotHaveDuplicates();
    for (int port : cluster.ports()) {
      String info = (String) cluster.command(port, "CLUSTER", "INFO");
      assertThat(info)
          .contains("cluster_state:ok")
          .contains("cluster_slots_assigned:16384")
          .contains("cluster_known_nodes:3")
          .contains("cluster_size:3");
      assertThat(cluster.command(port, "CONFIG", "GET", "save"))
          .asList()
          .containsExactly("save", "");
    }
  }

  @Test
  void sharedServerIsInjected(RedisServer redis) {
    assertThat(redis.command("PING")).isEqualTo("PONG");
    assertThat(redis).isSameAs(RedisServer.shared());
  }
}
