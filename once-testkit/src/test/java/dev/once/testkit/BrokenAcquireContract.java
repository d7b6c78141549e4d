package dev.once.testkit;

import dev.once.spi.IdempotencyStore;

/** The contract run against a store whose acquire is unconditional: it must fail. Run by a test. */
class BrokenAcquireContract extends IdempotencyStoreContract {
  @Override
  protected IdempotencyStore newStore() {
    return BrokenStores.unconditionalAcquire();
  }
}
