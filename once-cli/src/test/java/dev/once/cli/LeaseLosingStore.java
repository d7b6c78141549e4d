package dev.once.cli;

import dev.once.InMemoryStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.ForwardingStore;
import java.time.Instant;

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
  public WriteOutcome complete(
      String key, String lease, RecordStatus status, byte[] data, Instant expiresAt) {
    return WriteOutcome.LEASE_LOST;
  }
}
