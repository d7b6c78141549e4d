package dev.once;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.StoreOperation;
import dev.once.spi.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An {@link InMemoryStore} that counts its calls per operation and can be told to fail the next
 * calls of an operation with a given exception.
 */
class CountingStore implements IdempotencyStore {

  final InMemoryStore delegate = new InMemoryStore();
  private final Map<StoreOperation, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<StoreOperation, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<StoreOperation, Supplier<RuntimeException>> failures =
      new ConcurrentHashMap<>();
  private OptionalInt maxDataBytes = OptionalInt.empty();

  /** The next {@code times} calls of {@code operation} throw {@code failure}'s exception. */
  CountingStore failNext(StoreOperation operation, int times, Supplier<RuntimeException> failure) {
    failuresLeft.put(operation, new AtomicInteger(times));
    failures.put(operation, failure);
    return this;
  }

  CountingStore maxDataBytes(int bytes) {
    this.maxDataBytes = OptionalInt.of(bytes);
    return this;
  }

  int calls(StoreOperation operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  int calls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void enter(StoreOperation operation) {
    calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
    AtomicInteger left = failuresLeft.get(operation);
    if (left != null && left.getAndDecrement() > 0) {
      throw failures.get(operation).get();
    }
  }

  @Override
  public AcquireResult acquire(AcquireRequest request) {
    enter(StoreOperation.ACQUIRE);
    return delegate.acquire(request);
  }

  @Override
  public WriteOutcome complete(Completion completion) {
    enter(StoreOperation.COMPLETE);
    return delegate.complete(completion);
  }

  @Override
  public WriteOutcome extend(LeaseExtension extension) {
    enter(StoreOperation.EXTEND);
    return delegate.extend(extension);
  }

  @Override
  public ReleaseOutcome release(String key, String lease) {
    enter(StoreOperation.RELEASE);
    return delegate.release(key, lease);
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    enter(StoreOperation.FIND);
    return delegate.find(key);
  }

  @Override
  public boolean purge(String key) {
    enter(StoreOperation.PURGE);
    return delegate.purge(key);
  }

  @Override
  public List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit) {
    enter(StoreOperation.LIST);
    return delegate.list(statuses, limit);
  }

  @Override
  public OptionalInt maxDataBytes() {
    return maxDataBytes;
  }
}
