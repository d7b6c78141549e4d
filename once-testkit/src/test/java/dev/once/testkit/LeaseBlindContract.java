package dev.once.testkit;

import dev.once.spi.IdempotencyStore;

/** The contract run against a store whose writes ignore the lease: it must fail. Run by a test. */
class LeaseBlindContract extends IdempotencyStoreContract {
  @Override
  protected IdempotencyStore newStore() {
    return BrokenStores.leaseBlindWrites();
  }
}
