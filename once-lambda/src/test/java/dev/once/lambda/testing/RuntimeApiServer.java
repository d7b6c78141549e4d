package dev.once.lambda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Lambda Runtime API (version 2018-06-01), as the real runtime client sees it: {@code GET
 * /runtime/invocation/next} hands out the next event with its request id, deadline, function ARN
 * and trace id; {@code POST /runtime/invocation/{id}/response} and {@code /error} end it; {@code
 * POST /runtime/init/error} reports a failed start.
 *
 * <p>It honours the deadline as Lambda does: an invocation not answered by its {@code
 * Lambda-Runtime-Deadline-Ms} gets its process killed ({@link #onDeadline}), unless the invocation
 * was queued with {@code enforceDeadline=false}: that models a sandbox frozen, not killed, that
 * wakes after its lease expired.
 *
 * <p>It prints, as a report and not an assertion, when the runtime first polled and how long each
 * invocation took ({@link #timingsTo}). One server per sandbox (process); shared by the example
 * tests and the side-by-side benchmark (once-bench). Thread-safe.
 */
public final class RuntimeApiServer implements AutoCloseable {

  private static final String PREFIX = "/2018-06-01/runtime/";

  /** The ARN of the function invoked, less its name. */
  public static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

  /** How an invocation ended. */
  public enum Kind {
    /** The function answered ({@code /response}). */
    RESPONSE,
    /** The function failed ({@code /error}). */
    ERROR,
    /** The deadline passed unanswered. */
    TIMED_OUT,
    /** The runtime failed to start the function ({@code /init/error}). */
    INIT_ERROR
  }

  /**
   * The end of an invocation: the response or error body, or nothing when it timed out.
   *
   * @param kind how it ended
   * @param body the response or error body; {@code null} when it timed out
   */
  public record Outcome(Kind kind, String body) {}

  /** One queued or running invocation. Thread-safe. */
  public static final class Invocation {
    final String requestId = UUID.randomUUID().toString();
    final String event;
    final Duration timeout;
    final boolean enforceDeadline;
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    volatile long deadlineMs;
    volatile long handedOutNanos;

    Invocation(String event, Duration timeout, boolean enforceDeadline) {
      this.event = event;
      this.timeout = timeout;
      this.enforceDeadline = enforceDeadline;
    }

    /**
     * Waits for the end, bounded.
     *
     * @param max how long to wait at most
     * @return how it ended
     * @throws java.util.concurrent.TimeoutException when it did not end within {@code max}
     * @throws Exception when interrupted
     */
    public Outcome await(Duration max) throws Exception {
      return outcome.get(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The end, as a future that completes on the server's thread the moment the runtime reports it
     * (a callback there sees the instant of the response).
     *
     * @return the outcome's future
     */
    public CompletableFuture<Outcome> outcome() {
      return outcome;
    }

    /**
     * The deadline handed to the runtime, in epoch milliseconds; 0 until handed out.
     *
     * @return {@code Lambda-Runtime-Deadline-Ms}
     */
    public long deadlineMs() {
      return deadlineMs;
    }
  }

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool(daemon("runtime-api"));
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("runtime-api-deadline"));
  private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
  private final Map<String, Invocation> running = new ConcurrentHashMap<>();
  private final String functionName;
  private final CompletableFuture<String> initError = new CompletableFuture<>();
  private volatile Consumer<Invocation> onDeadline = i -> {};
  private volatile boolean closed;
  private final long startNanos = System.nanoTime();
  private volatile boolean polled;
  private volatile PrintStream timings = System.out;

  private final String name;

  private RuntimeApiServer(String name, String functionName) throws IOException {
    this.name = name;
    this.functionName = functionName;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(handlers);
    server.createContext(PREFIX, this::route);
    server.start();
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @param name the sandbox's name, for the timing lines printed
   * @param functionName the function name in the invoked ARN
   * @return the running server
   * @throws IOException when no port can be bound
   */
  public static RuntimeApiServer start(String name, String functionName) throws IOException {
    return new RuntimeApiServer(name, functionName);
  }

  /**
   * Where the timing lines go (first poll, each invocation's duration); standard output unless set.
   *
   * @param out the stream for the timing lines
   */
  public void timingsTo(PrintStream out) {
    this.timings = java.util.Objects.requireNonNull(out, "out");
  }

  /**
   * The address the runtime client calls.
   *
   * @return {@code host:port}, for {@code AWS_LAMBDA_RUNTIME_API}
   */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * What to do with an invocation whose deadline passed unanswered: kill its process.
   *
   * @param action run once per such invocation, on the server's timer thread
   */
  public void onDeadline(Consumer<Invocation> action) {
    this.onDeadline = action;
  }

  /**
   * Queues an event; the runtime client picks it up with its next poll.
   *
   * @param event the event's JSON
   * @param timeout the invocation's timeout, from the moment it is handed out
   * @param enforceDeadline kill at the deadline ({@link #onDeadline}), or let it run on (a sandbox
   *     frozen and thawed late)
   * @return the invocation, to await
   */
  public Invocation invoke(String event, Duration timeout, boolean enforceDeadline) {
    Invocation invocation = new Invocation(event, timeout, enforceDeadline);
    initError.thenAccept(error -> invocation.outcome.complete(new Outcome(Kind.INIT_ERROR, error)));
    queued.add(invocation);
    return invocation;
  }

  /**
   * The init error the runtime reported, if any.
   *
   * @return completes with the error body when the runtime reports {@code /init/error}
   */
  public CompletableFuture<String> initError() {
    return initError;
  }

  private void route(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("invocation/next")) {
        next(exchange);
      } else if (method.equals("POST") && path.equals("init/error")) {
        initError.complete(body(exchange));
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else if (method.equals("POST") && path.startsWith("invocation/")) {
        finish(exchange, path);
      } else {
        reply(exchange, 404, "{\"errorMessage\":\"no route " + method + " " + path + "\"}");
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    if (!polled) {
      polled = true;
      // Reported, not asserted: JVM start plus the handler's static and constructor init.
      timings.printf(
          "[runtime-api %s] first poll %d ms after the server started%n",
          name, (System.nanoTime() - startNanos) / 1_000_000);
    }
    Invocation invocation = null;
    try {
      while (invocation == null && !closed) {
        invocation = queued.poll(200, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (invocation == null) {
      reply(exchange, 500, "{\"errorMessage\":\"runtime API closed\"}");
      return;
    }
    long deadline = System.currentTimeMillis() + invocation.timeout.toMillis();
    invocation.deadlineMs = deadline;
    invocation.handedOutNanos = System.nanoTime();
    running.put(invocation.requestId, invocation);
    Invocation started = invocation;
    timer.schedule(
        () -> deadlinePassed(started), invocation.timeout.toMillis(), TimeUnit.MILLISECONDS);
    var headers = exchange.getResponseHeaders();
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN + functionName);
    headers.set(
        "Lambda-Runtime-Trace-Id",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
    headers.set("Content-Type", "application/json");
    reply(exchange, 200, invocation.event);
  }

  private void deadlinePassed(Invocation invocation) {
    if (invocation.outcome.isDone() || !invocation.enforceDeadline) {
      return;
    }
    if (invocation.outcome.complete(new Outcome(Kind.TIMED_OUT, null))) {
      running.remove(invocation.requestId);
      onDeadline.accept(invocation);
    }
  }

  private void finish(HttpExchange exchange, String path) throws IOException {
    String[] parts = path.split("/");
    Invocation invocation = parts.length == 3 ? running.remove(parts[1]) : null;
    String body = body(exchange);
    if (invocation == null) {
      reply(exchange, 400, "{\"errorMessage\":\"unknown or finished invocation: " + path + "\"}");
      return;
    }
    Kind kind = parts[2].equals("response") ? Kind.RESPONSE : Kind.ERROR;
    invocation.outcome.complete(new Outcome(kind, body));
    timings.printf(
        "[runtime-api %s] %s in %d ms%n",
        name, kind, (System.nanoTime() - invocation.handedOutNanos) / 1_000_000);
    reply(exchange, 202, "{\"status\":\"OK\"}");
  }

  private static String body(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the server; queued invocations stay unanswered. */
  @Override
  public void close() {
    closed = true;
    server.stop(0);
    timer.shutdownNow();
    handlers.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
