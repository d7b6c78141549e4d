package dev.once.redis;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;

/**
 * The store contract on a 3-primary Redis Cluster, through Once's default cluster client (keys
 * spread over the three primaries by their hash slots; listing scans each), on the caller's clock.
 */
class ClusterContractTest extends IdempotencyStoreContract {

  @Override
  protected IdempotencyStore newStore() {
    return Stores.cluster();
  }
}
