package dev.once.testkit;

import dev.once.spi.IdempotencyStore;

/**
 * Suites bound to the broken stores. Their names match none of surefire's patterns: only {@link
 * ChecksCatchDefectsTest} runs them, and expects them to fail.
 */
final class BrokenStoreRuns {

  private BrokenStoreRuns() {}

  static class UnconditionalAcquireProperties extends IdempotencyStoreProperties {
    @Override
    protected IdempotencyStore newStore() {
      return BrokenStores.unconditionalAcquire();
    }
  }

  static class LeaseBlindProperties extends IdempotencyStoreProperties {
    @Override
    protected IdempotencyStore newStore() {
      return BrokenStores.leaseBlindWrites();
    }
  }
}
