package dev.once.jdbc.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * One database server process on a loopback port, with its data in a temporary directory: started
 * (on another free port if the first was taken), stopped, restarted on the same port and data, and
 * deleted on {@link #close()} or by a shutdown hook at the latest. The PostgreSQL and MariaDB
 * servers for tests are this, plus how to run and reach each. Thread-safe.
 */
final class DatabaseProcess implements AutoCloseable {

  /** How to run and reach one kind of server. */
  interface Kind {
    /** Its name in messages, e.g. "postgres". */
    String name();

    /** The server command for {@code port}, run as the server's own user. */
    List<String> command(Path dir, int port);

    /** A login on {@code port}, to tell the server is ready. */
    Connection login(int port) throws SQLException;

    /** The signal that stops it for {@link DatabaseProcess#stop()} (a crash or immediate stop). */
    String stopSignal();

    /** The signal that shuts it down cleanly at the end. */
    String closeSignal();
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Kind kind;
  private final Path dir;
  private final Path log;
  private final int port;
  private final Thread shutdownHook;
  private Process process;
  private boolean closed;

  private DatabaseProcess(Kind kind, Path dir, int port) {
    this.kind = kind;
    this.dir = dir;
    this.port = port;
    this.log = dir.resolve("server.log");
    this.shutdownHook = new Thread(this::atExit, kind.name() + "-" + port + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts {@code kind} over the data in {@code dir} on a free port; {@code dir} is deleted if it
   * cannot start.
   */
  static DatabaseProcess start(Kind kind, Path dir) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      DatabaseProcess server = new DatabaseProcess(kind, dir, ServerProcess.freePort());
      try {
        server.launch();
        return server;
      } catch (IllegalStateException e) {
        // another process may have taken the port between probe and bind: try another
        server.shutDown();
        Runtime.getRuntime().removeShutdownHook(server.shutdownHook);
        last = e;
      }
    }
    ServerProcess.deleteTree(dir);
    throw last;
  }

  int port() {
    return port;
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server with the kind's stop signal: open connections break, new ones are refused. */
  synchronized void stop() {
    ServerProcess.stop(process, kind.stopSignal());
    process = null;
  }

  /** Starts it again on the same port and data, and waits until it accepts logins. */
  synchronized void restart() {
    if (closed) {
      throw new IllegalStateException(kind.name() + " on port " + port + " is closed");
    }
    stop();
    launch();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    shutDown();
    ServerProcess.deleteTree(dir);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void launch() {
    process = ServerProcess.start(kind.command(dir, port), log);
    ServerProcess.awaitPort(process, port, START_TIMEOUT, log);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try (Connection connection = kind.login(port)) {
        return;
      } catch (SQLException e) {
        last = e; // the port opens before the server accepts logins
        ServerProcess.pause(Duration.ofMillis(20));
      }
    }
    throw new IllegalStateException(
        kind.name() + " on port " + port + " refused logins: " + ServerProcess.text(log), last);
  }

  /** At JVM exit, for a server nobody closed (a shared one): stopped, and its data deleted. */
  private void atExit() {
    shutDown();
    ServerProcess.deleteTree(dir);
  }

  private synchronized void shutDown() {
    ServerProcess.stop(process, kind.closeSignal());
    process = null;
  }
}
