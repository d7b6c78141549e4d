package dev.once.cli;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.ResultType;
import dev.once.examples.payment.HttpOrderPaymentHandler;
import dev.once.examples.payment.InMemoryLedger;
import dev.once.examples.payment.Ledger;
import dev.once.examples.payment.Order;
import dev.once.lambda.LambdaIdempotency;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The HTTP example ({@link HttpOrderPaymentHandler}, API Gateway REST events with an {@code
 * Idempotency-Key}) as clients that retry: a 409 or 503 is delivered again, like a redelivery. One
 * request in {@value #BAD_EVERY} is a client error (no key, or two keys) and must get a 4xx every
 * time, charge nothing and leave no record. A replay must carry the first status and body.
 */
final class HttpWorkload implements Workload {

  /** Every this many requests, one is a client error. */
  static final int BAD_EVERY = 20;

  private final APIGatewayProxyRequestEvent[] requests;
  private final String[] orderIds;
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final AtomicLong badAnswers = new AtomicLong();
  private volatile LambdaIdempotency once;
  private volatile IdempotencyStore store;
  private volatile String keyPrefix;

  HttpWorkload(int requests, String runId) {
    this.requests = new APIGatewayProxyRequestEvent[requests];
    this.orderIds = new String[requests];
    for (int i = 0; i < requests; i++) {
      Order order =
          new Order(runId + "-order-" + i, "customer-" + (i % 97), 100 + (i * 37L) % 9900, "EUR");
      orderIds[i] = order.orderId();
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.put("Content-Type", "application/json");
      if (isClientError(i)) {
        if (i % (2 * BAD_EVERY) != BAD_EVERY - 1) {
          headers.put("Idempotency-Key", "\"" + runId + "-a\", \"" + runId + "-b\"");
        }
      } else {
        headers.put("Idempotency-Key", "\"" + runId + "-request-" + i + "\"");
      }
      this.requests[i] =
          new APIGatewayProxyRequestEvent()
              .withHttpMethod("POST")
              .withResource("/orders")
              .withPath("/orders")
              .withHeaders(headers)
              .withBody(
                  "{\"orderId\":\""
                      + order.orderId()
                      + "\",\"customerId\":\""
                      + order.customerId()
                      + "\",\"amountCents\":"
                      + order.amountCents()
                      + ",\"currency\":\"EUR\"}");
    }
  }

  private static boolean isClientError(int unit) {
    return unit % BAD_EVERY == BAD_EVERY - 1;
  }

  @Override
  public void connect(
      IdempotencyStore store, String keyPrefix, Consumer<Idempotency.Builder> settings) {
    this.store = store;
    this.keyPrefix = keyPrefix;
    this.once = LambdaIdempotency.builder().store(store).customize(settings).build();
  }

  @Override
  public Object deliver(int unit, Invocation invocation, Runnable executed) {
    boolean[] failed = new boolean[1];
    Ledger faulty =
        order -> {
          executed.run();
          try {
            invocation.beforeEffect();
          } catch (SimulatedFailure e) {
            failed[0] = true;
            throw e;
          }
          String chargeId = ledger.charge(order);
          invocation.afterEffect();
          return chargeId;
        };
    APIGatewayProxyResponseEvent response =
        new HttpOrderPaymentHandler(once, faulty)
            .handleRequest(requests[unit], new SimulatedContext("http-" + unit, invocation));
    int status = response.getStatusCode();
    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    if (isClientError(unit) && (status < 400 || status >= 500)) {
      badAnswers.incrementAndGet();
    }
    if (status == 409 && response.getBody().contains("\"request-taken-over\"")) {
      // The work ran but the lease was taken over before the response was stored.
      throw new Simulator.TakenOver("http " + unit + " taken over");
    }
    if (status == 409) {
      throw new InProgressException("http " + unit, null);
    }
    if (status >= 500) {
      // Not stored, the key released: the client retries, as a source redelivers.
      throw failed[0] ? new SimulatedFailure() : new IllegalStateException("HTTP " + status);
    }
    return status + "\n" + response.getBody();
  }

  @Override
  public Map<Integer, Long> statusCounts() {
    Map<Integer, Long> counts = new TreeMap<>();
    statuses.forEach((status, count) -> counts.put(status, count.sum()));
    return counts;
  }

  /**
   * Client errors that were not a 4xx, charged, or left a record: more records under the run's
   * prefix than requests with a key is one.
   */
  @Override
  public long clientErrorViolations() {
    long violations = badAnswers.get();
    int keyed = 0;
    for (int unit = 0; unit < requests.length; unit++) {
      if (isClientError(unit)) {
        violations += ledger.charges(orderIds[unit]);
      } else {
        keyed++;
      }
    }
    long records =
        store.list(EnumSet.allOf(RecordStatus.class), requests.length * 2).stream()
            .filter(r -> r.key().startsWith(keyPrefix + "#"))
            .count();
    return violations + Math.max(0, records - keyed);
  }

  @Override
  public boolean expectsEffect(int unit) {
    return !isClientError(unit);
  }

  @Override
  public int units() {
    return requests.length;
  }

  @Override
  public Object input(int unit) {
    return requests[unit];
  }

  @Override
  public String keyPath() {
    return null;
  }

  @Override
  public ResultType<?> resultType() {
    return ResultType.of(String.class);
  }

  @Override
  public Object execute(int unit, Invocation invocation) {
    throw new UnsupportedOperationException("HTTP requests are delivered through deliver()");
  }

  @Override
  public int effects(int unit) {
    return ledger.charges(orderIds[unit]);
  }

  @Override
  public Object fingerprint(Object result) {
    return result; // the status and the body
  }

  @Override
  public String unitsName() {
    return "requests";
  }

  @Override
  public String effectsName() {
    return "charges";
  }
}
