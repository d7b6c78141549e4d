package dev.once.dynamodb;

import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store contract, shared-table layout (a static partition value, the key in the sort key), with
 * every attribute renamed, against dynalite: a new partition value per test, one table.
 */
class SharedPartitionContractTest extends IdempotencyStoreContract {

  private static final AtomicInteger FUNCTIONS = new AtomicInteger();
  private static String tableName;

  static final AttributeNames RENAMED =
      new AttributeNames("st", "ttl", "lease_end_ms", "result", "payload_digest", "fence");

  @Override
  protected IdempotencyStore newStore() {
    DynaliteServer dynalite = DynaliteServer.shared();
    DynamoDbStore.Builder builder =
        DynamoDbStore.builder()
            .client(dynalite.client())
            .tableName(tableName == null ? Tables.freshName("shared") : tableName)
            .attributeNames(RENAMED)
            .clockSkewTolerance(Duration.ZERO)
            .layout(
                TableLayout.sharedPartition(
                    "pk", "idempotency#function-" + FUNCTIONS.incrementAndGet(), "sk"));
    if (tableName == null) {
      tableName = Tables.created(builder).tableName();
    }
    return builder.build();
  }
}
