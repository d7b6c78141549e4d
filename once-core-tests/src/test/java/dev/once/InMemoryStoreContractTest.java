package dev.once;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;

class InMemoryStoreContractTest extends IdempotencyStoreContract {

  @Override
  protected IdempotencyStore newStore() {
    return new InMemoryStore();
  }
}
