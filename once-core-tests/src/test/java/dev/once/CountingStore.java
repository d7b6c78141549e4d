package dev.once;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.StoreOperation;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.ForwardingStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An {@link InMemoryStore} seen through a {@link ForwardingStore} that counts the calls it gets per
 * operation (the round trips the store sees, whatever the engine reports), and fails the next calls
 * of an operation with a given exception when told to.
 */
class CountingStore extends ForwardingStore {

  private final Map<StoreOperation, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<StoreOperation, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<StoreOperation, Supplier<RuntimeException>> failures =
      new ConcurrentHashMap<>();
  private OptionalInt maxDataBytes = OptionalInt.empty();

  CountingStore() {
    super(new InMemoryStore());
  }

  /** The records, seen without being counted. */
  InMemoryStore records() {
    return (InMemoryStore) delegate();
  }

  /** The next {@code times} calls of {@code operation} throw {@code failure}'s exception. */
  CountingStore failNext(StoreOperation operation, int times, Supplier<RuntimeException> failure) {
    failuresLeft.put(operation, new AtomicInteger(times));
    failures.put(operation, failure);
    return this;
  }

  /** Says it holds at most {@code bytes} of data. */
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
    return super.acquire(request);
  }

  @Override
  public WriteOutcome complete(Completion completion) {
    enter(StoreOperation.COMPLETE);
    return super.complete(completion);
  }

  @Override
  public WriteOutcome extend(LeaseExtension extension) {
    enter(StoreOperation.EXTEND);
    return super.extend(extension);
  }

  @Override
  public ReleaseOutcome release(String key, String lease) {
    enter(StoreOperation.RELEASE);
    return super.release(key, lease);
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    enter(StoreOperation.FIND);
    return super.find(key);
  }

  @Override
  public boolean purge(String key) {
    enter(StoreOperation.PURGE);
    return super.purge(key);
  }

  @Override
  public List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit) {
    enter(StoreOperation.LIST);
    return super.list(statuses, limit);
  }

  @Override
  public OptionalInt maxDataBytes() {
    return maxDataBytes.isPresent() ? maxDataBytes : super.maxDataBytes();
  }
}
