package dev.once.jdbc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.jdbc.JdbcStore;
import dev.once.jdbc.testing.DatabaseExtension;
import dev.once.jdbc.testing.LocalDatabase;
import dev.once.jdbc.testing.MariaDbServer;
import dev.once.jdbc.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The crash window, closed: a child JVM charging an order in transactional mode is killed with
 * SIGKILL between the effect and the commit, or between the commit and its response; then the order
 * is redelivered (new child JVMs, until the lease of the dead one has ended). The ledger — a table
 * without any unique constraint on the order — holds exactly one charge, and the duplicate replays
 * the committed receipt. The same kill in the plain mode charges twice: the test sees the window it
 * claims closed.
 */
@ExtendWith(DatabaseExtension.class)
class CrashWindowTest {

  private static final long LEASE_MILLIS = 1500;
  private static final int MAX_REDELIVERIES = 40;

  @Test
  void postgresKilledBetweenEffectAndCommit(PostgresServer postgres) throws Exception {
    killedBetweenEffectAndCommit(new Database(postgres, "?user=" + PostgresServer.USER));
  }

  @Test
  void postgresKilledBetweenCompletionAndCommit(PostgresServer postgres) throws Exception {
    killedBetweenCompletionAndCommit(new Database(postgres, "?user=" + PostgresServer.USER));
  }

  @Test
  void postgresKilledBetweenCommitAndResponse(PostgresServer postgres) throws Exception {
    killedBetweenCommitAndResponse(new Database(postgres, "?user=" + PostgresServer.USER));
  }

  @Test
  void postgresPlainModeChargesTwiceAfterTheSameKill(PostgresServer postgres) throws Exception {
    plainModeChargesTwice(new Database(postgres, "?user=" + PostgresServer.USER));
  }

  @Test
  void mariaDbKilledBetweenEffectAndCommit(MariaDbServer mariadb) throws Exception {
    killedBetweenEffectAndCommit(new Database(mariadb, "?user=" + MariaDbServer.USER));
  }

  @Test
  void mariaDbKilledBetweenCommitAndResponse(MariaDbServer mariadb) throws Exception {
    killedBetweenCommitAndResponse(new Database(mariadb, "?user=" + MariaDbServer.USER));
  }

  private static void killedBetweenEffectAndCommit(Database db) throws Exception {
    String order = "order-" + UUID.randomUUID();
    Child first = startUntil(db.url, order, "hold-before-commit", "EFFECT");
    assertThat(db.charges(order)).as("uncommitted: no other session sees the charge").isEmpty();
    first.kill();

    assertThat(db.charges(order)).as("the killed transaction rolled back").isEmpty();
    String receipt = redeliver(db.url, order, "run");
    assertThat(db.charges(order)).containsExactly(receipt);
    assertThat(redeliver(db.url, order, "run")).as("the duplicate replays").isEqualTo(receipt);
    assertThat(db.charges(order)).hasSize(1);
  }

  private static void killedBetweenCompletionAndCommit(Database db) throws Exception {
    String order = "order-" + UUID.randomUUID();
    Child first = startUntil(db.url, order, "hold-after-completion", "COMPLETED_IN_TRANSACTION");
    first.kill();

    assertThat(db.charges(order)).as("the effect vanished with the completion").isEmpty();
    String receipt = redeliver(db.url, order, "run");
    assertThat(db.charges(order)).containsExactly(receipt);
  }

  private static void killedBetweenCommitAndResponse(Database db) throws Exception {
    String order = "order-" + UUID.randomUUID();
    Child first = startUntil(db.url, order, "hold-after-commit", "RESULT ");
    String committed = first.lastLine().substring("RESULT ".length());
    first.awaitLine("COMMITTED");
    first.kill();

    assertThat(db.charges(order)).containsExactly(committed);
    assertThat(redeliver(db.url, order, "run")).as("the redelivery replays").isEqualTo(committed);
    assertThat(db.charges(order)).containsExactly(committed);
  }

  private static void plainModeChargesTwice(Database db) throws Exception {
    String order = "order-" + UUID.randomUUID();
    Child first = startUntil(db.url, order, "plain-hold-after-effect", "EFFECT");
    first.kill();

    String receipt = redeliver(db.url, order, "plain-run");
    assertThat(db.charges(order)).hasSize(2).contains(receipt);
  }

  /**
   * Starts children in {@code mode} until one prints {@code mark}: a child whose lease was too
   * short to start (a loaded machine) says so and exits, as a Lambda invocation would be retried.
   */
  private static Child startUntil(String url, String order, String mode, String mark)
      throws Exception {
    for (int attempt = 0; attempt < MAX_REDELIVERIES; attempt++) {
      Child child = Child.start(url, order, mode);
      if (child.awaitLine(mark, "IN_PROGRESS").startsWith(mark)) {
        return child;
      }
      child.awaitExit();
    }
    throw new AssertionError(order + " never got to " + mark);
  }

  /** Delivers again until a child gets a result (the dead child's lease must end first). */
  private static String redeliver(String url, String order, String mode) throws Exception {
    for (int attempt = 0; attempt < MAX_REDELIVERIES; attempt++) {
      Child child = Child.start(url, order, mode);
      String line = child.awaitLine("RESULT ", "IN_PROGRESS");
      child.awaitExit();
      if (line.startsWith("RESULT ")) {
        return line.substring("RESULT ".length());
      }
    }
    throw new AssertionError(
        order + " still in progress after " + MAX_REDELIVERIES + " redeliveries");
  }

  /** The database of a test: its URL for the children, the tables, the ledger's charges. */
  private static final class Database {
    private final String url;
    private final LocalDatabase server;

    Database(LocalDatabase server, String credentials) throws SQLException {
      this.server = server;
      this.url = server.jdbcUrl(server.createDatabase("crash")) + credentials;
      try (Connection c = server.connect("crash");
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + ChargeProcess.LEDGER
                + " (charge_id VARCHAR(64) NOT NULL PRIMARY KEY, order_id VARCHAR(255) NOT NULL)");
      }
      try (var pool = server.pool("crash", 1)) {
        JdbcStore.builder(pool).tableName(ChargeProcess.RECORDS).build().createTable();
      }
    }

    List<String> charges(String order) throws SQLException {
      List<String> charges = new ArrayList<>();
      try (Connection c = server.connect("crash");
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT charge_id FROM " + ChargeProcess.LEDGER + " WHERE order_id = ?")) {
        s.setString(1, order);
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            charges.add(rows.getString(1));
          }
        }
      }
      return charges;
    }
  }

  /** A child JVM running {@link ChargeProcess}, its output read line by line. */
  private static final class Child {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder seen = new StringBuilder();

    private Child(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                  }
                } catch (IOException ended) {
                  // the child is gone
                }
              },
              "child-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(String url, String order, String mode) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          List.of(
              java,
              "-XX:TieredStopAtLevel=1",
              "-Xshare:auto",
              "-cp",
              classpath(),
              ChargeProcess.class.getName(),
              url,
              order,
              mode,
              Long.toString(LEASE_MILLIS));
      return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private String last;

    /** The line the last {@link #awaitLine} returned. */
    String lastLine() {
      return last;
    }

    /** The first line starting with one of {@code prefixes}, waiting at most a minute. */
    String awaitLine(String... prefixes) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line == null) {
          if (!process.isAlive() && lines.isEmpty()) {
            break;
          }
          continue;
        }
        seen.append(line).append('\n');
        for (String prefix : prefixes) {
          if (line.startsWith(prefix)) {
            last = line;
            return line;
          }
        }
      }
      process.destroyForcibly();
      throw new AssertionError(
          "the child never printed " + List.of(prefixes) + "; it printed:\n" + seen);
    }

    /** SIGKILL, as a crash: no shutdown hook, no rollback, no goodbye. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    void awaitExit() throws InterruptedException {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("the child did not exit:\n" + seen);
      }
    }

    private static String classpath() {
      String surefire = System.getProperty("surefire.test.class.path");
      String classpath =
          surefire != null && !surefire.isBlank()
              ? surefire
              : System.getProperty("java.class.path");
      // The module path too: surefire runs the tests on it, with the main classes and modules.
      String modules = System.getProperty("jdk.module.path", "");
      return modules.isEmpty() ? classpath : modules + File.pathSeparator + classpath;
    }
  }
}
