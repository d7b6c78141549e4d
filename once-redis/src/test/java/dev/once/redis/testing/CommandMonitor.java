package dev.once.redis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The commands clients send to a server, seen through {@code MONITOR}: the round trips of a piece
 * of code, counted by the server. Commands that scripts run inside the server ({@code [0 lua]}) are
 * left out. Thread-safe; close it to end the monitoring connection.
 */
public final class CommandMonitor implements AutoCloseable {

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);

  private final int port;
  private final Socket socket;
  private final List<String> seen = new ArrayList<>();

  private CommandMonitor(int port) throws IOException {
    this.port = port;
    this.socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
    OutputStream out = socket.getOutputStream();
    out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String ok = in.readLine();
    if (!"+OK".equals(ok)) {
      throw new IOException("MONITOR answered " + ok);
    }
    Thread reader = new Thread(() -> read(in), "redis-monitor-" + port);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts monitoring the server on {@code port}. */
  public static CommandMonitor start(int port) {
    try {
      return new CommandMonitor(port);
    } catch (IOException e) {
      throw new UncheckedIOException("could not monitor port " + port, e);
    }
  }

  /**
   * Runs {@code action} and returns the names (lower case) of the commands clients sent while it
   * ran, in order: marker commands before and after fence the window.
   */
  public List<String> during(Runnable action) {
    String start = "start-" + UUID.randomUUID();
    String end = "end-" + UUID.randomUUID();
    Resp.command(port, "ECHO", start);
    int from = awaitMarker(start) + 1;
    action.run();
    Resp.command(port, "ECHO", end);
    int to = awaitMarker(end);
    synchronized (seen) {
      return new ArrayList<>(seen.subList(from, to))
          .stream().map(line -> line.substring(0, line.indexOf(' '))).toList();
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private int awaitMarker(String marker) {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (seen) {
        for (int i = seen.size() - 1; i >= 0; i--) {
          if (seen.get(i).equals("echo " + marker)) {
            return i;
          }
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
    throw new IllegalStateException("the monitor did not see " + marker + " on port " + port);
  }

  /** Keeps "name first-argument" of every client command: {@code +ts [db addr] "name" "arg"}. */
  private void read(BufferedReader in) {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int bracket = line.indexOf(']');
        if (bracket < 0 || line.substring(0, bracket).endsWith(" lua")) {
          continue;
        }
        String[] words = line.substring(bracket + 1).trim().split("\" \"", 3);
        String name = words[0].replace("\"", "").toLowerCase(java.util.Locale.ROOT);
        String first = words.length > 1 ? words[1].replace("\"", "") : "";
        synchronized (seen) {
          seen.add(name + " " + first);
        }
      }
    } catch (IOException closed) {
      // the monitor was closed
    }
  }
}
