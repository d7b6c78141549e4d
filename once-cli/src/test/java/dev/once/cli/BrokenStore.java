package dev.once.cli;

import dev.once.InMemoryStore;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.testkit.ForwardingStore;
import java.time.Instant;

/** Protection deliberately broken: every acquire succeeds, overwriting whatever holds the key. */
final class BrokenStore extends ForwardingStore {

  BrokenStore() {
    super(new InMemoryStore());
  }

  @Override
  public synchronized AcquireResult acquire(IdempotencyRecord record, Instant now) {
    delegate().purge(record.key());
    return delegate().acquire(record, now);
  }
}
