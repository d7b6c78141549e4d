package dev.once.testkit;

import dev.once.IdempotencyListener;
import dev.once.StoreException;
import dev.once.spi.RecordStatus;
import dev.once.spi.StoreOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link IdempotencyListener} that records what it hears, for assertions: each event as a short
 * name ({@code "miss"}, {@code "hit:COMPLETED"}, {@code "replay"}, {@code "replay:cache"}, {@code
 * "inProgress"}, {@code "wait"}, {@code "leaseLost"}, {@code "missingKey"}, {@code
 * "completionFailed"}), the keys it saw, and a count of store calls per operation.
 *
 * <p>Thread-safe.
 */
public final class RecordingListener implements IdempotencyListener {

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<StoreException> completionFailures = new CopyOnWriteArrayList<>();
  private final Map<StoreOperation, AtomicInteger> storeCalls = new ConcurrentHashMap<>();
  private final List<StoreOperation> storeOperations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failedStoreCalls = new AtomicInteger();

  private void record(String event, String key) {
    events.add(event);
    if (key != null) {
      keys.add(key);
    }
  }

  @Override
  public void onMiss(String key) {
    record("miss", key);
  }

  @Override
  public void onHit(String key, RecordStatus status) {
    record("hit:" + status, key);
  }

  @Override
  public void onReplay(String key, boolean fromLocalCache) {
    record(fromLocalCache ? "replay:cache" : "replay", key);
  }

  @Override
  public void onInProgress(String key) {
    record("inProgress", key);
  }

  @Override
  public void onWait(String key, Duration waited) {
    waits.add(waited);
    record("wait", key);
  }

  @Override
  public void onLeaseLost(String key) {
    record("leaseLost", key);
  }

  @Override
  public void onLeaseRenewed(String key, Instant until) {
    record("leaseRenewed", key);
  }

  @Override
  public void onMissingKey() {
    record("missingKey", null);
  }

  @Override
  public void onCompletionFailed(String key, StoreException error) {
    completionFailures.add(error);
    record("completionFailed", key);
  }

  @Override
  public void onStoreCall(StoreOperation operation, Duration latency, boolean failed) {
    storeCalls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
    storeOperations.add(operation);
    if (failed) {
      failedStoreCalls.incrementAndGet();
    }
  }

  /**
   * The events heard, in order.
   *
   * @return a copy of the event names, e.g. {@code miss} for a first call, then {@code
   *     hit:COMPLETED} and {@code replay} for its duplicate
   */
  public List<String> events() {
    return new ArrayList<>(events);
  }

  /**
   * The keys named by events, in order.
   *
   * @return a copy, one entry per event that named a key
   */
  public List<String> keys() {
    return new ArrayList<>(keys);
  }

  /**
   * The last key named by an event.
   *
   * @return the full key
   * @throws IllegalStateException if no event has named a key yet
   */
  public String lastKey() {
    if (keys.isEmpty()) {
      throw new IllegalStateException("no event named a key yet; events: " + events);
    }
    return keys.get(keys.size() - 1);
  }

  /**
   * The durations reported by {@code onWait}.
   *
   * @return a copy, in order
   */
  public List<Duration> waits() {
    return new ArrayList<>(waits);
  }

  /**
   * The errors reported by {@code onCompletionFailed}.
   *
   * @return a copy, in order
   */
  public List<StoreException> completionFailures() {
    return new ArrayList<>(completionFailures);
  }

  /**
   * How many store calls of {@code operation} were reported.
   *
   * @param operation the store operation
   * @return the count, failed ones included
   */
  public int storeCalls(StoreOperation operation) {
    AtomicInteger count = storeCalls.get(operation);
    return count == null ? 0 : count.get();
  }

  /**
   * How many store calls were reported, of every operation.
   *
   * @return the count, failed ones included
   */
  public int storeCalls() {
    return storeCalls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /**
   * The store calls reported, in order.
   *
   * @return a copy of the operations so far
   */
  public List<StoreOperation> storeOperations() {
    return new ArrayList<>(storeOperations);
  }

  /**
   * How many store calls were reported as failed.
   *
   * @return the count of calls that threw
   */
  public int failedStoreCalls() {
    return failedStoreCalls.get();
  }

  /** Forgets everything heard so far. */
  public void clear() {
    events.clear();
    keys.clear();
    waits.clear();
    completionFailures.clear();
    storeCalls.clear();
    storeOperations.clear();
    failedStoreCalls.set(0);
  }
}
