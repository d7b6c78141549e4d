package dev.once.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code redis-server} process on a loopback port, its files (log, cluster config) in a
 * directory of its own, persistence off. The building block of {@link RedisServer} and {@link
 * RedisCluster}. Not thread-safe on its own: its owners synchronise.
 */
final class RedisProcess {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final int port;
  private final Path directory;
  private final List<String> extraArguments;
  private Process process;

  RedisProcess(int port, Path directory, List<String> extraArguments) {
    this.port = port;
    this.directory = directory;
    this.extraArguments = List.copyOf(extraArguments);
  }

  int port() {
    return port;
  }

  Path directory() {
    return directory;
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the process and waits until it answers {@code PING}. */
  void launch() {
    List<String> command = new ArrayList<>();
    command.add(executable("redis-server").toString());
    command.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", directory.toString(),
            "--daemonize", "no"));
    command.addAll(extraArguments);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command.get(0) + ": " + e.getMessage(), e);
    }
    awaitPong();
  }

  /** Kills the process at once (SIGKILL), as a crash would; nothing is saved. */
  void kill() {
    Process running = process;
    process = null;
    if (running == null) {
      return;
    }
    running.destroyForcibly();
    try {
      running.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends {@code signal} (STOP, CONT) to the process: a frozen server keeps its connections. */
  void signal(String signal) {
    if (process == null) {
      throw new IllegalStateException("redis-server on port " + port + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " failed for port " + port);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Kills the process and deletes its directory. */
  void destroy() {
    kill();
    deleteRecursively(directory);
  }

  Path log() {
    return directory.resolve("redis.log");
  }

  String logText() {
    try {
      return Files.readString(log());
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitPong() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with "
                + process.exitValue()
                + " on port "
                + port
                + ":\n"
                + logText());
      }
      try {
        if ("PONG".equals(Resp.command(port, "PING"))) {
          return;
        }
      } catch (UncheckedIOException | Resp.ErrorReply notYet) {
        // still starting
      }
      pause(20);
    }
    kill();
    throw new IllegalStateException(
        "redis-server did not answer on port "
            + port
            + " within "
            + START_TIMEOUT
            + ":\n"
            + logText());
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for redis-server", e);
    }
  }

  /**
   * {@code name} (redis-server, redis-cli) from the system property {@code once.redis.bin} (a
   * directory) or the {@code PATH}.
   *
   * @throws IllegalStateException naming the package to install when it is missing
   */
  static Path executable(String name) {
    String configured = System.getProperty("once.redis.bin");
    List<String> directories = new ArrayList<>();
    if (configured != null) {
      directories.add(configured);
    }
    directories.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    directories.add("/usr/bin");
    for (String dir : directories) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name
            + " is not installed: run ./run-tests.sh, which installs it, or `apt-get install"
            + " redis-server` (or set -Donce.redis.bin=<directory holding "
            + name
            + ">)");
  }

  /**
   * A free loopback port whose cluster bus port ({@code port + 10000}) is free too, picked at
   * random so that parallel test JVMs rarely collide; a collision shows as a failed start, which
   * the owners retry on another port.
   */
  static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 45_000);
      if (isFree(port) && isFree(port + 10_000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port pair found in 200 attempts");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static Path newDirectory(String name) {
    try {
      return Files.createTempDirectory(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // temp files: left for the OS to clean
    }
  }
}
