package dev.once.redis.testing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A {@code redis-server} (Debian's package) on a free loopback port, for tests: persistence off
 * ({@code --save "" --appendonly no}), its files in a temporary directory.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *   URI uri = redis.uri(); // redis://127.0.0.1:<port>
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #shared()} is one server per JVM for tests that only need a Redis (see {@link
 * RedisExtension}); {@link #start()} is a private one that fault tests can {@link #kill()} and
 * {@link #restart()} on the same port (a restarted server is empty: nothing was persisted). {@link
 * #startReplicaOf} adds a replica, for {@code WAIT}. Killed on {@link #close()}, and by a JVM
 * shutdown hook at the latest. Thread-safe.
 */
public final class RedisServer implements AutoCloseable {

  private static RedisServer shared;

  private final RedisProcess process;
  private final Thread shutdownHook;
  private boolean closed;

  private RedisServer(RedisProcess process) {
    this.process = process;
    this.shutdownHook = new Thread(process::destroy, "redis-" + process.port() + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a new server on a free loopback port and waits until it answers {@code PING}.
   *
   * @throws IllegalStateException when redis-server is not installed or does not start
   */
  public static RedisServer start() {
    return launch(List.of());
  }

  /**
   * Starts a replica of {@code primary} and waits until the primary counts it as connected.
   *
   * @throws IllegalStateException when the replica does not start or connect within 30 s
   */
  public static RedisServer startReplicaOf(RedisServer primary) {
    RedisServer replica =
        launch(List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!primary.info("replication").contains("connected_slaves:1")
        || !replica.info("replication").contains("master_link_status:up")) {
      if (System.nanoTime() > deadline) {
        replica.close();
        throw new IllegalStateException("replica did not connect to port " + primary.port());
      }
      RedisProcess.pause(20);
    }
    return replica;
  }

  private static RedisServer launch(List<String> arguments) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = RedisProcess.freePort();
      RedisServer server =
          new RedisServer(
              new RedisProcess(port, RedisProcess.newDirectory("redis-" + port + "-"), arguments));
      try {
        server.process.launch();
        return server;
      } catch (IllegalStateException e) {
        // Another process may have taken the port between probe and bind: try another.
        server.close();
        last = e;
      }
    }
    throw last;
  }

  /** One server for the whole JVM, started on first use and killed when the JVM exits. */
  public static synchronized RedisServer shared() {
    if (shared == null || shared.closed) {
      shared = start();
    }
    return shared;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port());
  }

  /** The port, the same across {@link #restart()}. */
  public int port() {
    return process.port();
  }

  /**
   * One command on a fresh connection (see {@link Resp}): for checks made past the client under
   * test, such as {@code EXISTS} or {@code SCRIPT FLUSH}.
   */
  public Object command(String... args) {
    return Resp.command(port(), args);
  }

  /** The server's clock ({@code TIME}), to the microsecond. */
  public Instant time() {
    List<?> time = (List<?>) command("TIME");
    return Instant.ofEpochSecond(
        Long.parseLong((String) time.get(0)), Long.parseLong((String) time.get(1)) * 1_000);
  }

  /** {@code INFO <section>}, as text. */
  public String info(String section) {
    return (String) command("INFO", section);
  }

  /** True while the process runs. */
  public synchronized boolean isRunning() {
    return process.isRunning();
  }

  /** Kills the process (SIGKILL); the port refuses connections until {@link #restart()}. */
  public synchronized void kill() {
    process.kill();
  }

  /**
   * Freezes the process (SIGSTOP): its connections stay open but nothing is answered, as a server
   * stuck or cut off looks; {@link #resume()} thaws it.
   */
  public synchronized void suspend() {
    process.signal("STOP");
  }

  /** Thaws a {@link #suspend()}ed process (SIGCONT). */
  public synchronized void resume() {
    process.signal("CONT");
  }

  /** Starts the process again on the same port, empty, and waits until it answers. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("redis-server on port " + port() + " is closed");
    }
    process.kill();
    process.launch();
  }

  /** Kills the process and deletes its files. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    process.destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing to remove
    }
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri() + "]";
  }
}
