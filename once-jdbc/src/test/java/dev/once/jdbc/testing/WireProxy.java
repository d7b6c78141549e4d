package dev.once.jdbc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of a database server, for the tests that count round trips and
 * inject faults on the wire.
 *
 * <ul>
 *   <li>{@link #roundTrips()}: how many times a client spoke after the server had spoken (or first)
 *       — one request/response exchange each, however many TCP segments it took.
 *   <li>{@link #drop()}: resets every open connection and refuses new ones until {@link
 *       #forward()}, as a partition or a crashed server looks to the client.
 *   <li>{@link #cutAtCommit(CommitCut)}: the next client message holding {@code COMMIT} resets its
 *       connection, either before the server sees it (nothing committed) or after the server
 *       answered (committed, answer lost): the client cannot tell which.
 * </ul>
 *
 * Thread-safe; close it to stop it.
 */
public final class WireProxy implements AutoCloseable {

  /** Where a cut at COMMIT falls. */
  public enum CommitCut {
    /** The COMMIT never reaches the server. */
    BEFORE_SERVER,
    /** The server commits; its answer never reaches the client. */
    AFTER_SERVER
  }

  private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicInteger roundTrips = new AtomicInteger();
  private final AtomicReference<CommitCut> armedCut = new AtomicReference<>();
  private volatile boolean dropping;

  private WireProxy(int targetPort) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "wire-proxy-" + listener.getLocalPort());
    accepting.setDaemon(true);
    accepting.start();
  }

  /** Starts a proxy on a free loopback port in front of {@code targetPort} on loopback. */
  public static WireProxy start(int targetPort) {
    try {
      return new WireProxy(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the proxy", e);
    }
  }

  /** The proxy's own port. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Request/response exchanges seen so far, over every connection. */
  public int roundTrips() {
    return roundTrips.get();
  }

  /** Resets every open connection, and every new one until {@link #forward()}. */
  public void drop() {
    dropping = true;
    links.forEach(Link::cut);
  }

  /** Forwards new connections again. */
  public void forward() {
    dropping = false;
  }

  /** Arms a cut at the next client message holding {@code COMMIT}; one cut per call. */
  public void cutAtCommit(CommitCut where) {
    armedCut.set(where);
  }

  /** True while an armed cut has not fired yet. */
  public boolean cutPending() {
    return armedCut.get() != null;
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    links.forEach(Link::cut);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Link link = new Link(client);
        if (dropping) {
          link.cut();
        } else {
          link.open();
        }
      } catch (IOException e) {
        // closed, or the server refused: the client sees a reset
      }
    }
  }

  /** One client connection, its upstream, and whose turn it is to speak. */
  private final class Link {
    private final Socket client;
    private Socket server;
    private boolean clientSpokeLast;
    private boolean swallowAnswer;

    Link(Socket client) {
      this.client = client;
    }

    void open() throws IOException {
      server = new Socket();
      try {
        server.connect(target, 1000);
      } catch (IOException e) {
        cut();
        throw e;
      }
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      links.add(this);
      copy(client, server, true);
      copy(server, client, false);
    }

    private void copy(Socket from, Socket to, boolean fromClient) {
      Thread thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!pass(buffer, n, fromClient)) {
                      break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                } catch (IOException e) {
                  // one side went away: cut both below
                } finally {
                  cut();
                }
              },
              "wire-proxy-copy");
      thread.setDaemon(true);
      thread.start();
    }

    /** Counts turns and applies an armed cut; false when this chunk must not pass. */
    private synchronized boolean pass(byte[] buffer, int n, boolean fromClient) {
      if (!fromClient) {
        clientSpokeLast = false;
        return !swallowAnswer;
      }
      if (!clientSpokeLast) {
        roundTrips.incrementAndGet();
        clientSpokeLast = true;
      }
      if (holds(buffer, n, COMMIT)) {
        CommitCut cut = armedCut.getAndSet(null);
        swallowAnswer = cut == CommitCut.AFTER_SERVER;
        return cut != CommitCut.BEFORE_SERVER;
      }
      return true;
    }

    /** Resets both sockets (RST, not FIN: the peer sees "connection reset"). */
    void cut() {
      links.remove(this);
      for (Socket socket : new Socket[] {client, server}) {
        if (socket == null) {
          continue;
        }
        try {
          socket.setSoLinger(true, 0);
          socket.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }

  private static boolean holds(byte[] buffer, int n, byte[] word) {
    for (int i = 0; i + word.length <= n; i++) {
      int j = 0;
      while (j < word.length && buffer[i + j] == word[j]) {
        j++;
      }
      if (j == word.length) {
        return true;
      }
    }
    return false;
  }
}
