package dev.once.testkit;

import dev.once.InMemoryStore;
import dev.once.spi.IdempotencyStore;

class InMemoryStoreContractTest extends IdempotencyStoreContract {

  @Override
  protected IdempotencyStore newStore() {
    return new InMemoryStore();
  }
}
