package dev.once.testkit;

import dev.once.InMemoryStore;
import dev.once.spi.IdempotencyStore;

class InMemoryStoreProperties extends IdempotencyStoreProperties {

  @Override
  protected IdempotencyStore newStore() {
    return new InMemoryStore();
  }
}
