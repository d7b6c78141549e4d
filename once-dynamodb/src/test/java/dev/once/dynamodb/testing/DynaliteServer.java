package dev.once.dynamodb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * A dynalite process (npm {@code dynalite}, pinned in {@code tools/dynalite}) on a free loopback
 * port, for tests: an in-memory DynamoDB that speaks the real wire protocol.
 *
 * <pre>{@code
 * try (DynaliteServer dynalite = DynaliteServer.start()) {
 *   DynamoDbClient client = dynalite.client();
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #shared()} is one server per JVM, for test classes that only need a DynamoDB (see
 * {@link DynaliteExtension}); {@link #start()} is a private one, which fault tests can {@link
 * #stop()} and {@link #restart()} on the same port (a restarted dynalite is empty, unless it keeps
 * its data on disk: {@link #start(Path)}). The process is killed on {@link #close()}, and by a JVM
 * shutdown hook at the latest.
 *
 * <p>Requires {@code npm ci --prefix tools/dynalite} run once from the repository root.
 * Thread-safe.
 */
public final class DynaliteServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static DynaliteServer shared;

  private final Path executable;
  private final Path dataDirectory;
  private final Path log;
  private final int port;
  private Process process;
  private DynamoDbClient client;
  private boolean closed;
  private final Thread shutdownHook;

  private DynaliteServer(Path executable, Path dataDirectory, int port) {
    this.executable = executable;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.log = logFile(port);
    this.shutdownHook = new Thread(this::kill, "dynalite-" + port + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a new dynalite on a free loopback port and waits until it answers.
   *
   * @throws IllegalStateException when dynalite is not installed or does not start in time
   */
  public static DynaliteServer start() {
    return start(null);
  }

  /**
   * Starts a new dynalite on a free loopback port that keeps its tables in {@code dataDirectory}
   * (LevelDB, dynalite's {@code --path}), and waits until it answers. A {@link #restart()}, even
   * after the process was killed, finds the data again.
   *
   * @param dataDirectory where the data lives, created by dynalite if missing; {@code null} for
   *     memory only
   * @throws IllegalStateException when dynalite is not installed or does not start in time
   */
  public static DynaliteServer start(Path dataDirectory) {
    Path executable = executable(Paths.get(System.getProperty("user.dir")));
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      DynaliteServer server = new DynaliteServer(executable, dataDirectory, freePort());
      try {
        server.launch();
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
  public static synchronized DynaliteServer shared() {
    if (shared == null || shared.closed) {
      shared = start();
    }
    return shared;
  }

  /** The endpoint, {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The port, the same across {@link #restart()}. */
  public int port() {
    return port;
  }

  /**
   * A ready client for this server (dummy credentials, region us-east-1, the URL-connection HTTP
   * client), shared by every caller and closed with the server.
   */
  public synchronized DynamoDbClient client() {
    if (client == null) {
      client = clientBuilder().build();
    }
    return client;
  }

  /**
   * A client builder pointing at this server, to add interceptors, retries or timeouts; the caller
   * closes what it builds.
   */
  public DynamoDbClientBuilder clientBuilder() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
  }

  /** True while the process runs. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the process; the port is then refused until {@link #restart()}. */
  public synchronized void stop() {
    kill();
  }

  /**
   * Kills the process at once (SIGKILL), as a crash would: nothing is flushed or closed on its
   * side. The port is then refused until {@link #restart()}.
   */
  public synchronized void crash() {
    Process running = process;
    if (running != null) {
      running.destroyForcibly();
    }
    kill();
  }

  /**
   * Starts the process again on the same port, and waits until it answers: empty, or with the data
   * it kept on disk when started with a data directory.
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("dynalite on port " + port + " is closed");
    }
    kill();
    launch();
  }

  /** Kills the process and closes the client. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (client != null) {
      client.close();
    }
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing to remove
    }
  }

  private synchronized void launch() {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                executable.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0"));
    if (dataDirectory != null) {
      command.add("--path");
      command.add(dataDirectory.toString());
    }
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + executable + ": " + e.getMessage(), e);
    }
    awaitAnswer();
  }

  /** Polls the port until dynalite accepts a connection; bounded, no fixed sleep. */
  private void awaitAnswer() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "dynalite exited with " + process.exitValue() + " on port " + port + ": " + logText());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        pause();
      }
    }
    kill();
    throw new IllegalStateException(
        "dynalite did not answer on port " + port + " within " + START_TIMEOUT + ": " + logText());
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for dynalite", e);
    }
  }

  private synchronized void kill() {
    Process running = process;
    if (running == null) {
      return;
    }
    process = null;
    running.destroy();
    try {
      if (!running.waitFor(5, TimeUnit.SECONDS)) {
        running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The repository root: the first directory up from {@code user.dir} with tools/dynalite. */
  public static Path repositoryRoot() {
    return repositoryRoot(Paths.get(System.getProperty("user.dir")));
  }

  static Path repositoryRoot(Path from) {
    Path start = from.toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("tools/dynalite/package.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no tools/dynalite/package.json in " + start + " or any directory above it");
  }

  /** The dynalite executable of the repository holding {@code from}. */
  static Path executable(Path from) {
    Path root = repositoryRoot(from);
    Path executable = root.resolve("tools/dynalite/node_modules/.bin/dynalite");
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(
          "dynalite is not installed ("
              + executable
              + " is missing): run `npm ci --prefix tools/dynalite` in "
              + root);
    }
    return executable;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static Path logFile(int port) {
    try {
      return Files.createTempFile("dynalite-" + port + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
