package dev.once.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster of three primaries on loopback ports, for tests: three {@code redis-server
 * --cluster-enabled yes} processes (persistence off, each node's files in a temporary directory of
 * its own), joined by {@code redis-cli --cluster create ... --cluster-replicas 0}, ready once every
 * node reports {@code cluster_state:ok}.
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start()) {
 *   List<URI> seeds = cluster.uris();
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #shared()} is one cluster per JVM (see {@link RedisExtension}). Killed on {@link
 * #close()}, and by a JVM shutdown hook at the latest. Thread-safe.
 */
public final class RedisCluster implements AutoCloseable {

  private static final int PRIMARIES = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static RedisCluster shared;

  private final List<RedisProcess> nodes = new ArrayList<>();
  private final Thread shutdownHook;
  private boolean closed;

  private RedisCluster() {
    this.shutdownHook = new Thread(this::destroyNodes, "redis-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts three cluster-enabled nodes, creates the cluster and waits until its state is ok.
   *
   * @throws IllegalStateException when redis-server or redis-cli is missing, or the cluster does
   *     not form within a minute
   */
  public static RedisCluster start() {
    RedisCluster cluster = new RedisCluster();
    try {
      for (int i = 0; i < PRIMARIES; i++) {
        cluster.nodes.add(startNode());
      }
      cluster.create();
      cluster.awaitStateOk();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** One cluster for the whole JVM, started on first use and killed when the JVM exits. */
  public static synchronized RedisCluster shared() {
    if (shared == null || shared.closed) {
      shared = start();
    }
    return shared;
  }

  /** Every node's {@code redis://127.0.0.1:<port>}: seeds for a cluster client. */
  public List<URI> uris() {
    return ports().stream().map(p -> URI.create("redis://127.0.0.1:" + p)).toList();
  }

  /** Every node's port. */
  public List<Integer> ports() {
    return nodes.stream().map(RedisProcess::port).toList();
  }

  /** One command on a fresh connection to the node on {@code port} (see {@link Resp}). */
  public Object command(int port, String... args) {
    return Resp.command(port, args);
  }

  /** Kills every node and deletes their files. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    destroyNodes();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing to remove
    }
  }

  @Override
  public String toString() {
    return "RedisCluster" + ports();
  }

  private void destroyNodes() {
    nodes.forEach(RedisProcess::destroy);
  }

  private static RedisProcess startNode() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = RedisProcess.freePort();
      RedisProcess node =
          new RedisProcess(
              port,
              RedisProcess.newDirectory("redis-cluster-" + port + "-"),
              List.of(
                  "--cluster-enabled", "yes",
                  "--cluster-config-file", "nodes.conf",
                  "--cluster-node-timeout", "5000"));
      try {
        node.launch();
        return node;
      } catch (IllegalStateException e) {
        node.destroy();
        last = e;
      }
    }
    throw last;
  }

  private void create() {
    List<String> command = new ArrayList<>();
    command.add(RedisProcess.executable("redis-cli").toString());
    command.add("--cluster");
    command.add("create");
    ports().forEach(p -> command.add("127.0.0.1:" + p));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Path output = nodes.get(0).directory().resolve("cluster-create.log");
    try {
      Process create =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!create.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        create.destroyForcibly();
        throw new IllegalStateException(
            "redis-cli --cluster create did not finish:\n" + read(output));
      }
      if (create.exitValue() != 0) {
        throw new IllegalStateException(
            "redis-cli --cluster create failed with " + create.exitValue() + ":\n" + read(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the cluster", e);
    }
  }

  private void awaitStateOk() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    for (RedisProcess node : nodes) {
      while (!((String) Resp.command(node.port(), "CLUSTER", "INFO"))
          .contains("cluster_state:ok")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "node " + node.port() + " did not reach cluster_state:ok within " + READY_TIMEOUT);
        }
        RedisProcess.pause(50);
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
