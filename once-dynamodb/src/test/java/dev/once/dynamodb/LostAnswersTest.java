package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.LeaseTooShortException;
import dev.once.ResultType;
import dev.once.StoreException;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.dynamodb.testing.DynamoDbProxy;
import dev.once.dynamodb.testing.DynamoDbProxy.Fault;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Requests that land while their answers are lost or late, through a proxy in front of dynalite:
 * the engine must neither hold a key for nothing nor run work on a lease that has run out, and must
 * not mistake its own landed release for a lost lease.
 */
@ExtendWith(DynaliteExtension.class)
class LostAnswersTest {

  private static DynamoDbProxy proxy;
  private static DynamoDbClient client;

  private final DynaliteServer dynalite;
  private final RecordingListener events = new RecordingListener();
  private final AtomicInteger runs = new AtomicInteger();
  private DynamoDbStore store;
  private DynamoDbStore direct;

  LostAnswersTest(DynaliteServer dynalite) {
    this.dynalite = dynalite;
  }

  @BeforeAll
  static void startProxy() {
    DynaliteServer shared = DynaliteServer.shared();
    proxy = DynamoDbProxy.start(shared.endpoint());
    // The SDK's standard retries (3 attempts) and no attempt timeout: faults come from the proxy.
    client = shared.clientBuilder().endpointOverride(proxy.endpoint()).build();
  }

  @AfterAll
  static void stopProxy() {
    client.close();
    proxy.close();
  }

  @BeforeEach
  void freshTable() {
    proxy.heal();
    store = Tables.freshStore(client);
    direct = DynamoDbStore.builder().client(dynalite.client()).tableName(store.tableName()).build();
  }

  @AfterEach
  void heal() {
    proxy.heal();
  }

  private Idempotency.Builder idempotency() {
    return Idempotency.builder(store).keyPrefix("lost").listener(events);
  }

  private String pay(Idempotency idempotency, String order) {
    return idempotency.call(order, String.class, () -> "receipt-" + runs.incrementAndGet());
  }

  /**
   * Every PutItem lands and every answer is lost, the retries' too: the call fails closed, and the
   * key is not held for the lease (15 minutes by default) by a write no one owns.
   */
  @Test
  void anAcquireWhoseAnswersAreLostLeavesTheKeyFree() {
    Idempotency idempotency = idempotency().build();
    String key = idempotency.keyOf("order-1");
    proxy.fail("PutItem", Fault.LOSE_ANSWER, Integer.MAX_VALUE);

    Throwable thrown = catchThrowable(() -> pay(idempotency, "order-1"));

    assertThat(thrown).isInstanceOf(StoreException.class);
    assertThat(runs).hasValue(0);
    assertThat(proxy.injected(Fault.LOSE_ANSWER))
        .as("the put landed, its answer lost")
        .isPositive();
    assertThat(direct.find(key)).as("the record the lost put wrote").isEmpty();
    proxy.heal();
    assertThat(pay(idempotency, "order-1")).isEqualTo("receipt-1");
  }

  /**
   * The acquisition's answer arrives so late that the lease it asked for has less than the minimum
   * run time left: the work does not start, and the key is released for the next delivery.
   */
  @Test
  void anAcquireAnswerThatArrivesTooLateRunsNothingAndLeavesTheKeyFree() {
    Idempotency idempotency = idempotency().minRunTime(Duration.ofMillis(500)).build();
    String key = idempotency.keyOf("order-1");
    proxy.delay("PutItem", Fault.LATE_ANSWER, Duration.ofMillis(800), 1);

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "order-1",
                    ResultType.of(String.class),
                    Duration.ofMillis(1_000),
                    () -> "receipt-" + runs.incrementAndGet()));

    assertThat(thrown).isInstanceOf(LeaseTooShortException.class);
    assertThat(((LeaseTooShortException) thrown).isRetryable()).isTrue();
    assertThat(runs).hasValue(0);
    assertThat(direct.find(key)).isEmpty();
    assertThat(pay(idempotency, "order-1")).isEqualTo("receipt-1");
  }

  /**
   * The work failed, so the key is released; the delete lands but its answer is lost, and the SDK's
   * retry finds no record. That is the release done, not a lease lost to another holder.
   */
  @Test
  void aRetriedReleaseWhoseFirstDeleteLandedIsNoLostLease() {
    Idempotency idempotency = idempotency().build();
    IllegalStateException declined = new IllegalStateException("card declined");
    proxy.fail("DeleteItem", Fault.LOSE_ANSWER, 1);
    int deletesBefore = proxy.seen("DeleteItem");

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "order-1",
                    String.class,
                    () -> {
                      runs.incrementAndGet();
                      throw declined;
                    }));

    assertThat(thrown).isSameAs(declined);
    assertThat(declined.getSuppressed()).isEmpty();
    assertThat(proxy.seen("DeleteItem") - deletesBefore).as("the delete was retried").isEqualTo(2);
    assertThat(events.events()).doesNotContain("leaseLost");
    assertThat(direct.find(idempotency.keyOf("order-1"))).isEmpty();
  }
}
