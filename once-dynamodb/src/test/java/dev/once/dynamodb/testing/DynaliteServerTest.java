package dev.once.dynamodb.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynaliteServerTest {

  @Test
  void findsTheRepositoryRootFromASubdirectory() throws Exception {
    Path root = DynaliteServer.repositoryRoot();
    assertThat(root.resolve("tools/dynalite/package.json")).isRegularFile();
    assertThat(DynaliteServer.repositoryRoot(root.resolve("once-dynamodb/src"))).isEqualTo(root);
  }

  @Test
  void saysHowToInstallDynaliteWhenItIsMissing(@TempDir Path repository) throws Exception {
    Files.createDirectories(repository.resolve("tools/dynalite"));
    Files.writeString(repository.resolve("tools/dynalite/package.json"), "{}");
    Files.createDirectories(repository.resolve("module/src"));

    assertThatThrownBy(() -> DynaliteServer.executable(repository.resolve("module/src")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("npm ci --prefix tools/dynalite");
  }

  @Test
  void saysWhereItLookedWhenThereIsNoRepository(@TempDir Path elsewhere) {
    assertThatThrownBy(() -> DynaliteServer.repositoryRoot(elsewhere))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(elsewhere.toString());
  }

  @Test
  void stopsAndRestartsOnTheSamePort() {
    try (DynaliteServer dynalite = DynaliteServer.start()) {
      int port = dynalite.port();
      dynalite
          .client()
          .createTable(
              t ->
                  t.tableName("before")
                      .keySchema(k -> k.attributeName("id").keyType("HASH"))
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .billingMode("PAY_PER_REQUEST"));
      dynalite.stop();
      assertThat(dynalite.isRunning()).isFalse();

      dynalite.restart();

      assertThat(dynalite.isRunning()).isTrue();
      assertThat(dynalite.port()).isEqualTo(port);
      assertThat(dynalite.client().listTables().tableNames()).isEmpty();
    }
  }
}
