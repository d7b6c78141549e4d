package dev.once.dynamodb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a DynamoDB endpoint, for tests: it forwards requests unchanged,
 * and on demand
 *
 * <ul>
 *   <li>adds the old item to a failed conditional {@code PutItem}'s error body, as DynamoDB does
 *       for {@code ReturnValuesOnConditionCheckFailure=ALL_OLD} and dynalite does not ({@link
 *       #returnOldItems});
 *   <li>answers with a fault instead of forwarding: a 500, throttling or silence ({@link #fail});
 *   <li>drops the connection before forwarding, or forwards and then loses the answer (the write
 *       lands, the client never learns it), or lets the request or its answer arrive late ({@link
 *       #fail}, {@link #delay}; {@link #plan} decides request by request, e.g. at random). To reset
 *       connections at the TCP level, put a {@link TcpProxy} in front.
 * </ul>
 *
 * It counts the requests it sees per operation and the faults it injects. Thread-safe; close it to
 * stop it.
 */
public final class DynamoDbProxy implements AutoCloseable {

  /** What the proxy answers instead of forwarding. */
  public enum Fault {
    /** HTTP 500, an internal server error (retried by the SDK). */
    SERVER_ERROR,
    /** HTTP 400 ThrottlingException (retried by the SDK, with throttling backoff). */
    THROTTLING,
    /** No answer for five seconds (or until {@link #heal()}), then a 500: a client timeout. */
    STALL,
    /** The connection is closed without forwarding: the request never reaches the server. */
    DROP,
    /**
     * The request is forwarded, then the connection is closed without an answer: the server applied
     * it, the client sees a dropped connection.
     */
    LOSE_ANSWER,
    /** The request is forwarded at once; its answer is held back for the injection's delay. */
    LATE_ANSWER,
    /** The request is held back for the injection's delay, then forwarded and answered. */
    LATE_REQUEST
  }

  /**
   * One fault for one request.
   *
   * @param fault what the proxy does
   * @param delay how late, for {@link Fault#LATE_ANSWER} and {@link Fault#LATE_REQUEST}
   */
  public record Injection(Fault fault, Duration delay) {
    /** An injection of {@code fault}; late faults are five seconds late. */
    public static Injection of(Fault fault) {
      return new Injection(fault, Duration.ofSeconds(5));
    }
  }

  /** Decides, request by request, whether the proxy injects a fault. Called concurrently. */
  @FunctionalInterface
  public interface FaultPlan {
    /**
     * The fault for the next request of {@code operation} (e.g. "PutItem"), or {@code null} to
     * forward it untouched.
     */
    Injection next(String operation);
  }

  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final Map<String, List<String>> keySchemas = new ConcurrentHashMap<>();
  private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
  private volatile boolean returnOldItems;
  private volatile FaultPlan plan;

  /**
   * The next {@code remaining} requests for {@code operation} (any when null) get the injection.
   */
  private record Rule(String operation, Injection injection, AtomicInteger remaining)
      implements FaultPlan {
    @Override
    public Injection next(String op) {
      return (operation == null || operation.equals(op)) && remaining.getAndDecrement() > 0
          ? injection
          : null;
    }
  }

  private DynamoDbProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a proxy on a free loopback port in front of {@code target}. */
  public static DynamoDbProxy start(URI target) {
    try {
      return new DynamoDbProxy(target);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the proxy", e);
    }
  }

  /** The proxy's endpoint, to give a client. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Whether a failed conditional PutItem asking for ALL_OLD gets the old item, as in DynamoDB. */
  public DynamoDbProxy returnOldItems(boolean on) {
    this.returnOldItems = on;
    return this;
  }

  /** Answers every request with {@code fault} until {@link #heal()}. */
  public void fail(Fault fault) {
    plan = new Rule(null, Injection.of(fault), new AtomicInteger(Integer.MAX_VALUE));
  }

  /** Answers the next {@code times} requests for {@code operation} (e.g. "UpdateItem") with it. */
  public void fail(String operation, Fault fault, int times) {
    plan = new Rule(operation, Injection.of(fault), new AtomicInteger(times));
  }

  /**
   * Holds back the next {@code times} requests for {@code operation}, or their answers ({@code
   * late} is {@link Fault#LATE_REQUEST} or {@link Fault#LATE_ANSWER}), for {@code by}.
   */
  public void delay(String operation, Fault late, Duration by, int times) {
    if (late != Fault.LATE_ANSWER && late != Fault.LATE_REQUEST) {
      throw new IllegalArgumentException(
          "late must be LATE_ANSWER or LATE_REQUEST but was " + late);
    }
    plan = new Rule(operation, new Injection(late, by), new AtomicInteger(times));
  }

  /** Lets {@code plan} decide for every request until {@link #heal()}. */
  public void plan(FaultPlan plan) {
    this.plan = java.util.Objects.requireNonNull(plan, "plan");
  }

  /** Forwards everything again. */
  public void heal() {
    plan = null;
  }

  /** Requests seen for {@code operation} (e.g. "PutItem"), faults included. */
  public int seen(String operation) {
    AtomicInteger count = seen.get(operation);
    return count == null ? 0 : count.get();
  }

  /** How many times {@code fault} was injected. */
  public int injected(Fault fault) {
    AtomicInteger count = injected.get(fault);
    return count == null ? 0 : count.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
      seen.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
      FaultPlan current = plan;
      Injection injection = current == null ? null : current.next(operation);
      Fault fault = injection == null ? null : injection.fault();
      if (fault != null) {
        injected.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
      }
      if (fault == Fault.SERVER_ERROR || fault == Fault.THROTTLING || fault == Fault.STALL) {
        answerFault(exchange, fault, current);
        return;
      }
      if (fault == Fault.DROP) {
        return; // closing the exchange unanswered closes the connection
      }
      if (fault == Fault.LATE_REQUEST) {
        pause(injection.delay());
      }
      HttpResponse<byte[]> response = forward(exchange, body);
      if (fault == Fault.LOSE_ANSWER) {
        return;
      }
      if (fault == Fault.LATE_ANSWER) {
        pause(injection.delay());
      }
      answer(exchange, operation, body, response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends the server's answer on, with the old item added where DynamoDB would add it. */
  private void answer(
      HttpExchange exchange, String operation, byte[] body, HttpResponse<byte[]> response)
      throws IOException, InterruptedException {
    byte[] answer = response.body();
    if (returnOldItems && operation.equals("PutItem") && response.statusCode() == 400) {
      answer = withOldItem(body, answer);
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase();
              // The body may have changed: drop its checksum (the SDK checks it only if present).
              if (!HOP_BY_HOP.contains(lower)
                  && !lower.equals("date")
                  && !lower.equals("x-amz-crc32")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static void pause(Duration delay) throws InterruptedException {
    Thread.sleep(delay.toMillis());
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
              }
            });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private void answerFault(HttpExchange exchange, Fault fault, FaultPlan current)
      throws IOException {
    switch (fault) {
      case STALL -> {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (plan == current && System.nanoTime() < deadline) {
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        answerError(exchange, 500, "com.amazon.coral.service#InternalFailure", "stalled");
      }
      case SERVER_ERROR ->
          answerError(exchange, 500, "com.amazon.coral.service#InternalFailure", "injected 500");
      case THROTTLING ->
          answerError(
              exchange,
              400,
              "com.amazonaws.dynamodb.v20120810#ThrottlingException",
              "injected throttling");
      default -> throw new IllegalArgumentException(fault + " is not answered by the proxy");
    }
  }

  private static void answerError(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    byte[] body =
        JSON.writeValueAsBytes(JSON.createObjectNode().put("__type", type).put("message", message));
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The error body with the current item added as {@code Item}, when the put asked for ALL_OLD. */
  private byte[] withOldItem(byte[] request, byte[] error)
      throws IOException, InterruptedException {
    JsonNode put = JSON.readTree(request);
    JsonNode failure = JSON.readTree(error);
    if (!"ALL_OLD".equals(put.path("ReturnValuesOnConditionCheckFailure").asText())
        || !failure.path("__type").asText().endsWith("ConditionalCheckFailedException")) {
      return error;
    }
    String table = put.path("TableName").asText();
    ObjectNode key = JSON.createObjectNode();
    for (String attribute : keySchema(table)) {
      key.set(attribute, put.path("Item").path(attribute));
    }
    ObjectNode get = JSON.createObjectNode().put("TableName", table).put("ConsistentRead", true);
    get.set("Key", key);
    JsonNode found = JSON.readTree(backend("GetItem", JSON.writeValueAsBytes(get)));
    if (!found.has("Item")) {
      return error;
    }
    ((ObjectNode) failure).set("Item", found.get("Item"));
    return JSON.writeValueAsBytes(failure);
  }

  private List<String> keySchema(String table) throws IOException, InterruptedException {
    List<String> known = keySchemas.get(table);
    if (known != null) {
      return known;
    }
    byte[] describe = JSON.writeValueAsBytes(JSON.createObjectNode().put("TableName", table));
    JsonNode schema =
        JSON.readTree(backend("DescribeTable", describe)).path("Table").path("KeySchema");
    List<String> names = new java.util.ArrayList<>();
    for (Iterator<JsonNode> it = schema.elements(); it.hasNext(); ) {
      names.add(it.next().path("AttributeName").asText());
    }
    keySchemas.put(table, names);
    return names;
  }

  /**
   * A request straight to the target; dynalite checks that credentials exist, not what they sign.
   */
  private byte[] backend(String operation, byte[] body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "DynamoDB_20120810." + operation)
            .header("X-Amz-Date", "20260101T000000Z")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=dummy/20260101/us-east-1/dynamodb/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
  }
}
