package dev.once.dynamodb;

import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;

/** The store contract, partition key layout ({@code id}), Binary data, against dynalite. */
class PartitionKeyContractTest extends IdempotencyStoreContract {

  // Keys are unique per test, so one table serves the class; the listing test tolerates others.
  private static DynamoDbStore store;

  @Override
  protected IdempotencyStore newStore() {
    if (store == null) {
      store = Tables.freshExactStore(DynaliteServer.shared());
    }
    return store;
  }
}
