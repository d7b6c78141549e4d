package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.StoreException;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.Completion;
import dev.once.spi.RecordStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only DynamoDB needs beyond the contract suite ({@link PartitionKeyContractTest}, which runs
 * every store operation's rows): listing past a Scan page, and a missing table.
 */
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

  private static Completion completion(String key, String lease, byte[] data, long expirySeconds) {
    return new Completion(
        key, lease, RecordStatus.COMPLETED, data, NOW, Duration.ofSeconds(expirySeconds));
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
