package dev.once;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreProperties;

class InMemoryStoreProperties extends IdempotencyStoreProperties {

  @Override
  protected IdempotencyStore newStore() {
    return new InMemoryStore();
  }
}
