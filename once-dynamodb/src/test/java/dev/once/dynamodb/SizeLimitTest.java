package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.Idempotency;
import dev.once.ResultTooLargeException;
import dev.once.StoreException;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.Completion;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DynamoDB's 400 KB item limit: the store's bound is safe, and a larger result is refused. */
@ExtendWith(DynaliteExtension.class)
class SizeLimitTest {

  private static final Instant NOW = Instant.now();

  private final DynamoDbStore store;

  SizeLimitTest(DynaliteServer dynalite) {
    store = Tables.freshStore(dynalite);
  }

  private static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private void acquire(String key) {
    store.acquire(
        new AcquireRequest(
            key, "lease", "0".repeat(64), NOW, Duration.ofSeconds(60), Duration.ofSeconds(3600)));
  }

  @Test
  void dataOfTheAdvertisedLimitFitsEvenUnderALongKey() {
    int limit = store.maxDataBytes().orElseThrow();
    String longKey = "p".repeat(1900) + "#" + "0".repeat(64); // near DynamoDB's 2 KB key limit
    acquire(longKey);

    assertThat(
            store.complete(
                new Completion(
                    longKey,
                    "lease",
                    RecordStatus.COMPLETED,
                    noise(limit),
                    NOW,
                    Duration.ofSeconds(60))))
        .isEqualTo(WriteOutcome.WRITTEN);
    assertThat(store.find(longKey).orElseThrow().data()).hasSize(limit);
  }

  @Test
  void dataOverDynamoDbsItemLimitIsAStoreErrorAndChangesNothing() {
    acquire("big#1");

    assertThatThrownBy(
            () ->
                store.complete(
                    new Completion(
                        "big#1",
                        "lease",
                        RecordStatus.COMPLETED,
                        noise(410 * 1024),
                        NOW,
                        Duration.ofSeconds(60))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("UpdateItem");
    assertThat(store.find("big#1").orElseThrow().status()).isEqualTo(RecordStatus.INPROGRESS);
  }

  @Test
  void aResultTooLargeForDynamoDbIsATypedErrorAndLeavesNoStuckRecord() {
    RecordingListener events = new RecordingListener();
    Idempotency idempotency = Idempotency.builder(store).listener(events).build();
    // Random base64 still exceeds the limit after the engine's gzip.
    String large = Base64.getEncoder().encodeToString(noise(600 * 1024));

    assertThatThrownBy(() -> idempotency.call("order-1", String.class, () -> large))
        .isInstanceOf(ResultTooLargeException.class)
        .satisfies(
            e ->
                assertThat(((ResultTooLargeException) e).limit())
                    .isEqualTo(store.maxDataBytes().orElseThrow()));

    assertThat(store.find(events.lastKey())).isEmpty();
    assertThat(idempotency.call("order-1", String.class, () -> "small")).isEqualTo("small");
  }
}
