package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.dynamodb.testing.DynamoDbProxy;
import dev.once.spi.AcquireRequest;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Store round trips per engine path, counted by an SDK interceptor: against dynalite directly
 * (which does not return the old item on a failed conditional put), and through a proxy that
 * returns it as DynamoDB does.
 */
class RoundTripTest {

  private static DynamoDbProxy proxy;
  private static final RoundTrips direct = new RoundTrips();
  private static final RoundTrips proxied = new RoundTrips();
  private static DynamoDbClient directClient;
  private static DynamoDbClient proxiedClient;
  private static String table;

  private final AtomicInteger runs = new AtomicInteger();
  private String order;

  @BeforeAll
  static void start() {
    DynaliteServer dynalite = DynaliteServer.shared();
    proxy = DynamoDbProxy.start(dynalite.endpoint()).returnOldItems(true);
    directClient =
        dynalite
            .clientBuilder()
            .overrideConfiguration(o -> o.addExecutionInterceptor(direct))
            .build();
    proxiedClient =
        dynalite
            .clientBuilder()
            .endpointOverride(proxy.endpoint())
            .overrideConfiguration(o -> o.addExecutionInterceptor(proxied))
            .build();
    table = Tables.freshStore(dynalite).tableName();
  }

  @AfterAll
  static void stop() {
    directClient.close();
    proxiedClient.close();
    proxy.close();
  }

  @BeforeEach
  void newOrder() {
    order = "order-" + System.nanoTime();
    direct.take();
    proxied.take();
  }

  private static DynamoDbStore store(DynamoDbClient client) {
    return DynamoDbStore.builder().client(client).tableName(table).build();
  }

  private String pay(Idempotency idempotency) {
    return idempotency.call(order, String.class, () -> "receipt-" + runs.incrementAndGet());
  }

  @Test
  void firstCallIsAPutAndAnUpdate() {
    Idempotency idempotency = Idempotency.builder(store(directClient)).build();

    assertThat(pay(idempotency)).isEqualTo("receipt-1");

    assertThat(direct.take()).containsExactly("PutItem", "UpdateItem");
  }

  @Test
  void duplicateOfACompletedKeyIsOneRoundTripWhenTheOldItemComesBack() {
    Idempotency idempotency = Idempotency.builder(store(proxiedClient)).build();
    pay(idempotency);
    assertThat(proxied.take()).containsExactly("PutItem", "UpdateItem");

    assertThat(pay(idempotency)).isEqualTo("receipt-1");

    assertThat(proxied.take()).containsExactly("PutItem");
    assertThat(runs).hasValue(1);
  }

  @Test
  void duplicateOfACompletedKeyIsTwoRoundTripsOnDynalitesFallback() {
    Idempotency idempotency = Idempotency.builder(store(directClient)).build();
    pay(idempotency);
    direct.take();

    assertThat(pay(idempotency)).isEqualTo("receipt-1");

    assertThat(direct.take()).containsExactly("PutItem", "GetItem");
    assertThat(runs).hasValue(1);
  }

  @Test
  void inProgressIsOneRoundTripWhenTheOldItemComesBackAndTwoOtherwise() {
    Idempotency viaProxy = Idempotency.builder(store(proxiedClient)).build();
    Idempotency direct = Idempotency.builder(store(directClient)).build();
    String key = heldByAnother();
    proxied.take();
    RoundTripTest.direct.take();

    assertThatThrownBy(() -> pay(viaProxy)).isInstanceOf(InProgressException.class);
    assertThatThrownBy(() -> pay(direct)).isInstanceOf(InProgressException.class);

    assertThat(proxied.take()).containsExactly("PutItem");
    assertThat(RoundTripTest.direct.take()).containsExactly("PutItem", "GetItem");
    assertThat(runs).hasValue(0);
    assertThat(store(directClient).find(key).orElseThrow().lease()).isEqualTo("another-holder");
  }

  @Test
  void localCacheHitIsZeroRoundTrips() {
    Idempotency idempotency = Idempotency.builder(store(directClient)).localCache(100).build();
    pay(idempotency);
    direct.take();

    assertThat(pay(idempotency)).isEqualTo("receipt-1");

    assertThat(direct.take()).isEmpty();
  }

  /** Acquires the order's key for another holder, returning the key. */
  private String heldByAnother() {
    RecordingListener events = new RecordingListener();
    Idempotency probe = Idempotency.builder(store(directClient)).listener(events).build();
    try {
      probe.call(
          order,
          String.class,
          () -> {
            throw new KeyProbe();
          });
    } catch (KeyProbe expected) {
      // the key is released again
    }
    String key = events.lastKey();
    Instant now = Instant.now();
    store(directClient)
        .acquire(
            new AcquireRequest(
                key,
                "another-holder",
                null,
                now,
                Duration.ofSeconds(600),
                Duration.ofSeconds(3600)));
    return key;
  }

  private static final class KeyProbe extends RuntimeException {
    KeyProbe() {
      super("probe", null, false, false);
    }
  }
}
