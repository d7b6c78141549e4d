package dev.once.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the test servers share: finding a server's binaries, running its setup commands as the
 * unprivileged user it insists on, starting it with its output in a log file, waiting for its port
 * with a bound, and stopping it. Static helpers only.
 */
final class ServerProcess {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private ServerProcess() {}

  /** True when this JVM runs as root (uid 0), so servers must drop to their own user. */
  static boolean isRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String out = new String(id.getInputStream().readAllBytes()).trim();
      id.waitFor(10, TimeUnit.SECONDS);
      return out.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The first of {@code names} found on the PATH or in {@code extraDirs}.
   *
   * @throws IllegalStateException naming what is missing and the Debian package that has it
   */
  static Path executable(String debianPackage, List<Path> extraDirs, String... names) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        dirs.add(Paths.get(dir));
      }
    }
    dirs.addAll(extraDirs);
    for (String name : names) {
      for (Path dir : dirs) {
        Path candidate = dir.resolve(name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        String.join(" or ", names)
            + " not found on the PATH nor in "
            + extraDirs
            + ": install Debian's "
            + debianPackage
            + " package (./run-tests.sh does)");
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin}, where Debian puts PostgreSQL. */
  static List<Path> debianPostgresBinDirs() {
    Path root = Paths.get("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(dir -> dir.getFileName().toString().matches("\\d+"))
          .sorted(
              Comparator.comparingInt((Path dir) -> Integer.parseInt(dir.getFileName().toString()))
                  .reversed())
          .map(dir -> dir.resolve("bin"))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A command prefixed to run as {@code user} when this JVM is root (setpriv execs, no fork). */
  static List<String> asUser(String user, List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(
            List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** A fresh temporary directory the server's user owns. */
  static Path directoryFor(String user, String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      if (isRoot()) {
        run(List.of("chown", user + ":", dir.toString()), dir.resolve("chown.log"));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs a setup command to its end, its output in {@code log}.
   *
   * @throws IllegalStateException when it fails or outlives its bound, with the log's text
   */
  static void run(List<String> command, Path log) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            command + " did not finish within " + COMMAND_TIMEOUT + ": " + text(log));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command + " exited with " + process.exitValue() + ": " + text(log));
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Starts a long-running server process, its output appended to {@code log}. */
  static Process start(List<String> command, Path log) {
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
    }
  }

  /** Polls the loopback port until it accepts a connection; bounded, no fixed sleep. */
  static void awaitPort(Process process, int port, Duration timeout, Path log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with "
                + process.exitValue()
                + " on port "
                + port
                + ": "
                + text(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        pause(Duration.ofMillis(20));
      }
    }
    throw new IllegalStateException(
        "the server did not answer on port " + port + " within " + timeout + ": " + text(log));
  }

  /**
   * Sends {@code signal} (e.g. "INT") to the process and waits for it to end, forcing it after 10
   * s.
   */
  static void stop(Process process, String signal) {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .start()
          .waitFor(10, TimeUnit.SECONDS);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes a directory tree; what cannot be deleted is left. */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory: the OS cleans what is left
    }
  }

  /** A free loopback port, as the OS hands it out. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  static String text(Path log) {
    try {
      String all = Files.readString(log);
      return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
  }
}
