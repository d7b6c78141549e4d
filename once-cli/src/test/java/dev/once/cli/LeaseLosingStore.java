package dev.once.cli;

import dev.once.InMemoryStore;
import dev.once.spi.Completion;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.ForwardingStore;

/**
 * Protection deliberately broken another way: completion never lands and always answers "lease
 * lost", long before any lease could have ended. Each key stays in progress until its lease ends
 * and is then run again.
 */
final class LeaseLosingStore extends ForwardingStore {

  LeaseLosingStore() {
    super(new InMemoryStore());
  }

  @Override
  public WriteOutcome complete(Completion completion) {
    return WriteOutcome.LEASE_LOST;
  }
}
