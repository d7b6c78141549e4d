package dev.once.testkit;

import dev.once.spi.IdempotencyStore;

/** The contract run against the broken stores' template with both checks on: it must pass. */
class CorrectMapStoreContract extends IdempotencyStoreContract {
  @Override
  protected IdempotencyStore newStore() {
    return BrokenStores.correctMapStore();
  }
}
