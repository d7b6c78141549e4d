package dev.once.cli;

import dev.once.InMemoryStore;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.testkit.ForwardingStore;

/** Protection deliberately broken: every acquire succeeds, overwriting whatever holds the key. */
final class BrokenStore extends ForwardingStore {

  BrokenStore() {
    super(new InMemoryStore());
  }

  @Override
  public synchronized AcquireResult acquire(AcquireRequest request) {
    delegate().purge(request.key());
    return delegate().acquire(request);
  }
}
