package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.StoreException;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.dynamodb.testing.DynamoDbProxy;
import dev.once.dynamodb.testing.DynamoDbProxy.Fault;
import dev.once.dynamodb.testing.TcpProxy;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The store failing: errors answered (500, throttling), connections dropped, the server killed.
 * Nothing runs without a lock, no result is lost silently, and every error is a {@link
 * StoreException} keeping the SDK's cause. A private dynalite, since one test kills it.
 */
class FaultTest {

  private static DynaliteServer dynalite;
  private static DynamoDbProxy proxy;
  private static TcpProxy tcp;
  private static DynamoDbClient client;
  private static DynamoDbClient directClient;

  private final FakeClock clock = FakeClock.startingNow();
  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();
  private DynamoDbStore store;
  private Idempotency idempotency;

  @BeforeAll
  static void start() {
    dynalite = DynaliteServer.start();
    proxy = DynamoDbProxy.start(dynalite.endpoint());
    tcp = TcpProxy.start(proxy.endpoint());
    client = quickClient(tcp.endpoint().toString());
    directClient = quickClient(dynalite.endpoint().toString());
  }

  /** Three attempts, 5 ms apart, one-second timeouts: faults surface fast. */
  private static DynamoDbClient quickClient(String endpoint) {
    return dynalite
        .clientBuilder()
        .endpointOverride(java.net.URI.create(endpoint))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1))
                .socketTimeout(Duration.ofSeconds(1)))
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(3)
                            .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                            .throttlingBackoffStrategy(
                                BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                            .circuitBreakerEnabled(false)
                            .build())
                    .apiCallAttemptTimeout(Duration.ofSeconds(2))
                    .apiCallTimeout(Duration.ofSeconds(5)))
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    directClient.close();
    tcp.close();
    proxy.close();
    dynalite.close();
  }

  @BeforeEach
  void freshTable() {
    if (!dynalite.isRunning()) {
      dynalite.restart();
    }
    proxy.heal();
    tcp.forward();
    store = Tables.freshStore(client);
    idempotency =
        Idempotency.builder(store).clock(clock).sleeper(clock.sleeper()).listener(events).build();
  }

  @AfterEach
  void healProxy() {
    proxy.heal();
    tcp.forward();
  }

  private String pay(String order) {
    return idempotency.call(order, String.class, () -> "receipt-" + runs.incrementAndGet());
  }

  private IdempotencyRecord stored(String key) {
    return DynamoDbStore.builder()
        .client(directClient)
        .tableName(store.tableName())
        .build()
        .find(key)
        .orElseThrow();
  }

  @Test
  void serverErrorsAreRetriedByTheSdkThenFailClosedWithAStoreError() {
    proxy.fail(Fault.SERVER_ERROR);
    int before = proxy.seen("PutItem");

    Throwable thrown = catchThrowable(() -> pay("order-1"));

    assertThat(thrown).isInstanceOf(StoreException.class).hasMessageContaining("PutItem");
    assertThat(thrown.getCause()).isInstanceOf(DynamoDbException.class);
    assertThat(((DynamoDbException) thrown.getCause()).statusCode()).isEqualTo(500);
    assertThat(((StoreException) thrown).isRetryable()).isTrue();
    assertThat(proxy.seen("PutItem") - before).isEqualTo(3);
    assertThat(runs).hasValue(0);
  }

  @Test
  void throttlingWithinTheSdkRetriesIsAbsorbed() {
    proxy.fail("PutItem", Fault.THROTTLING, 2);
    int before = proxy.seen("PutItem");

    assertThat(pay("order-1")).isEqualTo("receipt-1");

    assertThat(proxy.seen("PutItem") - before).isEqualTo(3);
    assertThat(stored(events.lastKey()).status()).isEqualTo(RecordStatus.COMPLETED);
  }

  @Test
  void aStoreThatDoesNotAnswerTimesOutIntoAStoreError() {
    proxy.fail("PutItem", Fault.STALL, Integer.MAX_VALUE);

    Throwable thrown = catchThrowable(() -> pay("order-1"));

    assertThat(thrown).isInstanceOf(StoreException.class);
    assertThat(thrown.getCause()).isInstanceOf(SdkClientException.class);
    assertThat(runs).hasValue(0);
  }

  @Test
  void droppedConnectionsFailClosedWithAStoreError() {
    tcp.drop();

    Throwable thrown = catchThrowable(() -> pay("order-1"));

    assertThat(thrown).isInstanceOf(StoreException.class);
    assertThat(thrown.getCause()).isInstanceOf(SdkClientException.class);
    assertThat(runs).hasValue(0);
  }

  @Test
  void aFailedCompletionIsReportedAndKeepsTheLockSoNothingRunsTwice() {
    proxy.fail("UpdateItem", Fault.SERVER_ERROR, Integer.MAX_VALUE);

    assertThat(pay("order-1")).isEqualTo("receipt-1");

    assertThat(events.events()).contains("completionFailed");
    assertThat(events.completionFailures())
        .singleElement()
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(DynamoDbException.class));
    String key = events.lastKey();
    proxy.heal();
    assertThat(stored(key).status()).isEqualTo(RecordStatus.INPROGRESS);
    assertThatThrownBy(() -> pay("order-1")).isInstanceOf(InProgressException.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void completionIsRetriedInsideTheDeadline() {
    // The SDK's three attempts fail once; the engine's next completion succeeds.
    proxy.fail("UpdateItem", Fault.SERVER_ERROR, 3);
    int before = proxy.seen("UpdateItem");

    assertThat(pay("order-1")).isEqualTo("receipt-1");

    assertThat(proxy.seen("UpdateItem") - before).isEqualTo(4);
    assertThat(events.events()).doesNotContain("completionFailed");
    assertThat(stored(events.lastKey()).status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(pay("order-1")).isEqualTo("receipt-1");
    assertThat(runs).hasValue(1);
  }

  @Test
  void aFailedReleaseIsAttachedToTheUsersExceptionUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "order-1",
                    String.class,
                    () -> {
                      tcp.drop();
                      throw boom;
                    }));

    assertThat(thrown).isSameAs(boom);
    assertThat(boom.getSuppressed())
        .singleElement()
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SdkClientException.class));
    tcp.forward();
    assertThat(stored(events.lastKey()).status()).isEqualTo(RecordStatus.INPROGRESS);
  }

  @Test
  void theServerKilledMidRunLosesNoResultSilentlyAndRunsNothingUnlocked() {
    String result =
        idempotency.call(
            "order-1",
            String.class,
            () -> {
              dynalite.stop();
              return "receipt-" + runs.incrementAndGet();
            });

    assertThat(result).isEqualTo("receipt-1");
    assertThat(events.completionFailures())
        .singleElement()
        .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SdkClientException.class));

    Throwable whileDown = catchThrowable(() -> pay("order-2"));
    assertThat(whileDown).isInstanceOf(StoreException.class);
    assertThat(whileDown.getCause()).isInstanceOf(SdkClientException.class);
    assertThat(runs).hasValue(1);

    dynalite.restart(); // empty again: a new table
    store.createTable();
    assertThat(pay("order-2")).isEqualTo("receipt-2");
  }
}
