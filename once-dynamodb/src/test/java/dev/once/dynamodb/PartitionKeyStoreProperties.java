package dev.once.dynamodb;

import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreProperties;

/**
 * The testkit's state-machine properties (random interleavings of three holders) against dynalite,
 * default layout: every try has a key of its own, so one table serves them all.
 */
class PartitionKeyStoreProperties extends IdempotencyStoreProperties {

  private static DynamoDbStore store;

  @Override
  protected synchronized IdempotencyStore newStore() {
    if (store == null) {
      store = Tables.freshExactStore(DynaliteServer.shared());
    }
    return store;
  }
}
