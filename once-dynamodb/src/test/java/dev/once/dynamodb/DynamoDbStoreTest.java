package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.StoreException;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynaliteExtension.class)
class DynamoDbStoreTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private final DynamoDbStore store;
  private final DynaliteServer dynalite;

  DynamoDbStoreTest(DynaliteServer dynalite) {
    this.dynalite = dynalite;
    this.store = Tables.freshStore(dynalite);
  }

  private static AcquireRequest request(String key, String lease, Instant now) {
    return new AcquireRequest(
        key, lease, "v1", now, Duration.ofSeconds(60), Duration.ofSeconds(3600));
  }

  private static IdempotencyRecord inProgress(String key, String lease) {
    return IdempotencyRecord.inProgress(
        key, NOW.plusSeconds(3600), NOW.plusSeconds(60), "v1", lease);
  }

  private static Completion completion(String key, String lease, byte[] data, long expirySeconds) {
    return new Completion(
        key, lease, RecordStatus.COMPLETED, data, NOW, Duration.ofSeconds(expirySeconds));
  }

  @Test
  void acquiresAFreeKeyAndReportsTheHolderToTheNext() {
    assertThat(store.acquire(request("k#1", "a", NOW))).isEqualTo(AcquireResult.acquired());
    AcquireResult second = store.acquire(request("k#1", "b", NOW.plusSeconds(1)));
    assertThat(second).isEqualTo(AcquireResult.existing(inProgress("k#1", "a")));
  }

  @Test
  void completesUnderTheLeaseAndReadsTheResultBack() {
    store.acquire(request("k#2", "a", NOW));
    byte[] data = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    assertThat(store.complete(completion("k#2", "b", data, 7200)))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.complete(completion("k#2", "a", data, 7200))).isEqualTo(WriteOutcome.WRITTEN);
    IdempotencyRecord found = store.find("k#2").orElseThrow();
    assertThat(found.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(found.data()).isEqualTo(data);
    assertThat(found.expiresAt()).isEqualTo(NOW.plusSeconds(7200));
    assertThat(found.inProgressExpiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(found.validation()).isEqualTo("v1");
  }

  @Test
  void takesOverAnInProgressRecordPastItsLease() {
    store.acquire(request("k#3", "a", NOW));
    // past the lease and the default skew tolerance of one second
    assertThat(store.acquire(request("k#3", "b", NOW.plusSeconds(61))))
        .isEqualTo(AcquireResult.acquired());
    assertThat(store.release("k#3", "a")).isEqualTo(ReleaseOutcome.LEASE_LOST);
    assertThat(store.release("k#3", "b")).isEqualTo(ReleaseOutcome.RELEASED);
    assertThat(store.release("k#3", "b")).isEqualTo(ReleaseOutcome.ABSENT);
    assertThat(store.find("k#3")).isEmpty();
  }

  @Test
  void purgesAndLists() {
    store.acquire(request("k#4", "a", NOW));
    store.acquire(request("k#5", "a", NOW));
    store.complete(completion("k#5", "a", new byte[] {1, 2}, 10));
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).hasSize(2);
    assertThat(store.list(EnumSet.of(RecordStatus.INPROGRESS), 10))
        .extracting(IdempotencyRecord::key)
        .containsExactly("k#4");
    assertThat(store.purge("k#4")).isTrue();
    assertThat(store.purge("k#4")).isFalse();
  }

  @Test
  void listFollowsPagesPastDynamoDbsOneMegabytePage() {
    byte[] data = new byte[40 * 1024];
    for (int i = 0; i < 30; i++) { // 1.2 MB: more than one page
      String key = "page#" + i;
      store.acquire(request(key, "a", NOW));
      store.complete(completion(key, "a", data, 60));
    }
    assertThat(dynalite.client().scan(s -> s.tableName(store.tableName())).lastEvaluatedKey())
        .as("the premise: one Scan page does not hold them all")
        .isNotEmpty();

    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 100)).hasSize(30);
    assertThat(store.list(EnumSet.of(RecordStatus.COMPLETED), 100)).hasSize(30);
    assertThat(store.list(EnumSet.of(RecordStatus.COMPLETED), 27)).hasSize(27);
    assertThat(store.list(EnumSet.of(RecordStatus.INPROGRESS), 100)).isEmpty();
  }

  @Test
  void aMissingTableIsAStoreError(DynaliteServer dynalite) {
    DynamoDbStore missing =
        DynamoDbStore.builder().client(dynalite.client()).tableName("no-such-table").build();
    assertThatThrownBy(() -> missing.find("k"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no-such-table")
        .hasCauseInstanceOf(
            software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
  }
}
