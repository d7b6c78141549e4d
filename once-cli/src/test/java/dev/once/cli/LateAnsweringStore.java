package dev.once.cli;

import dev.once.InMemoryStore;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.testkit.ForwardingStore;
import java.time.Duration;

/**
 * A store whose acquisitions answer later than any simulated invocation's lease lasts (a slow or
 * overloaded store): every call that acquires a key finds its lease over and runs nothing, so every
 * delivery ends in {@code LeaseTooShortException} and is given up in the end.
 */
final class LateAnsweringStore extends ForwardingStore {

  private final Duration late;

  LateAnsweringStore(Duration late) {
    super(new InMemoryStore());
    this.late = late;
  }

  @Override
  public AcquireResult acquire(AcquireRequest request) {
    AcquireResult result = delegate().acquire(request);
    try {
      Thread.sleep(late.toMillis()); // the answer is on its way
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result;
  }
}
