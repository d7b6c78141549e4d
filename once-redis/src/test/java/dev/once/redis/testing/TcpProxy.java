package dev.once.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a Redis port, for fault tests: it relays bytes both ways until
 * {@link #drop()}, which resets every open connection and refuses new ones (a network partition or
 * a crashed server, as the client sees it) until {@link #forward()}. It counts the connections it
 * accepted. Thread-safe; close it to stop it.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean dropping;

  /** One client connection and its upstream twin. */
  private final class Link {
    private final Socket client;
    private final Socket upstream;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() {
      relay(client, upstream, "up");
      relay(upstream, client, "down");
    }

    private void relay(Socket from, Socket to, String direction) {
      Thread relay =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                try {
                  InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream();
                  for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                } catch (IOException closed) {
                  // a side went away: the link ends
                } finally {
                  cut();
                }
              },
              "redis-proxy-" + port() + "-" + direction);
      relay.setDaemon(true);
      relay.start();
    }

    void cut() {
      links.remove(this);
      reset(client);
      reset(upstream);
    }
  }

  private TcpProxy(int targetPort) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "redis-proxy-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy on a free loopback port in front of {@code 127.0.0.1:targetPort}. */
  public static TcpProxy start(int targetPort) {
    try {
      return new TcpProxy(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the proxy", e);
    }
  }

  /** The proxy's own port. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code redis://127.0.0.1:<proxy port>}. */
  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port());
  }

  /** Connections accepted so far, refused ones included. */
  public int accepted() {
    return accepted.get();
  }

  /** Resets every open connection, and every new one until {@link #forward()}. */
  public void drop() {
    dropping = true;
    links.forEach(Link::cut);
  }

  /** Resets every open connection once; new ones are relayed as before. */
  public void cutOpenConnections() {
    links.forEach(Link::cut);
  }

  /** Relays new connections again. */
  public void forward() {
    dropping = false;
  }

  @Override
  public void close() {
    dropping = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    links.forEach(Link::cut);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      accepted.incrementAndGet();
      if (dropping) {
        reset(client);
        continue;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(target, 1_000);
      } catch (IOException unreachable) {
        reset(client);
        reset(upstream);
        continue;
      }
      Link link = new Link(client, upstream);
      links.add(link);
      link.start();
    }
  }

  /** Closes with RST, not FIN: the peer sees "connection reset". */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // already closed
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
