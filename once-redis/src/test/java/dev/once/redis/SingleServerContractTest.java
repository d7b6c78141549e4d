package dev.once.redis;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;

/** The store contract on one redis-server, through Once's default client, on the caller's clock. */
class SingleServerContractTest extends IdempotencyStoreContract {

  @Override
  protected IdempotencyStore newStore() {
    return Stores.single();
  }
}
