package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.StoreException;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The record that blocked the conditional put is gone (released, expired) by the time the fallback
 * GetItem reads it: acquire tries the put again, a bounded number of times.
 */
@ExtendWith(DynaliteExtension.class)
class VanishingRecordTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private final DynaliteServer dynalite;
  private final DynamoDbClient client;
  private final DynamoDbStore store;
  private final RoundTrips roundTrips = new RoundTrips();
  private final AtomicInteger vanishings = new AtomicInteger();
  private volatile boolean recreate;

  VanishingRecordTest(DynaliteServer dynalite) {
    this.dynalite = dynalite;
    String table = Tables.freshStore(dynalite).tableName();
    this.client =
        dynalite
            .clientBuilder()
            .overrideConfiguration(
                o ->
                    o.addExecutionInterceptor(new Vanisher(table))
                        .addExecutionInterceptor(roundTrips))
            .build();
    this.store = DynamoDbStore.builder().client(client).tableName(table).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** After each failed PutItem, deletes the record; with {@code recreate}, writes it back first. */
  private final class Vanisher implements ExecutionInterceptor {
    private final String table;

    Vanisher(String table) {
      this.table = table;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (recreate && isPut(attributes)) {
        dynalite.client().putItem(p -> p.tableName(table).item(blocker()));
      }
    }

    @Override
    public void onExecutionFailure(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      if (isPut(attributes) && vanishings.get() > 0) {
        vanishings.decrementAndGet();
        dynalite
            .client()
            .deleteItem(d -> d.tableName(table).key(Map.of("id", AttributeValue.fromS("k#1"))));
      }
    }

    private boolean isPut(ExecutionAttributes attributes) {
      return "PutItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  }

  private static Map<String, AttributeValue> blocker() {
    return Map.of(
        "id", AttributeValue.fromS("k#1"),
        "status", AttributeValue.fromS("COMPLETED"),
        "expiration", AttributeValue.fromN(Long.toString(NOW.getEpochSecond() + 60)),
        "lease", AttributeValue.fromS("theirs"));
  }

  private static AcquireRequest mine() {
    return new AcquireRequest(
        "k#1", "mine", null, NOW, Duration.ofSeconds(30), Duration.ofSeconds(3600));
  }

  @Test
  void aRecordGoneBeforeTheReadIsAcquiredOnTheNextPut() {
    dynalite.client().putItem(p -> p.tableName(store.tableName()).item(blocker()));
    vanishings.set(1);

    assertThat(store.acquire(mine())).isEqualTo(AcquireResult.acquired());

    assertThat(roundTrips.take()).containsExactly("PutItem", "GetItem", "PutItem");
    assertThat(store.find("k#1").orElseThrow().lease()).isEqualTo("mine");
  }

  @Test
  void aKeyThatKeepsChangingIsAStoreErrorAfterBoundedAttempts() {
    recreate = true;
    vanishings.set(Integer.MAX_VALUE);

    assertThatThrownBy(() -> store.acquire(mine()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("k#1");

    assertThat(roundTrips.take())
        .containsExactly("PutItem", "GetItem", "PutItem", "GetItem", "PutItem", "GetItem");
  }
}
