package dev.once;

import dev.once.spi.RecordStatus;
import dev.once.spi.StoreOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that writes down what it hears as short names, with the keys. */
final class Events implements IdempotencyListener {

  final List<String> names = new CopyOnWriteArrayList<>();
  final List<String> keys = new CopyOnWriteArrayList<>();
  final List<StoreOperation> storeCalls = new CopyOnWriteArrayList<>();
  final List<StoreException> completionFailures = new CopyOnWriteArrayList<>();

  private void add(String name, String key) {
    names.add(name);
    if (key != null) {
      keys.add(key);
    }
  }

  String lastKey() {
    return keys.get(keys.size() - 1);
  }

  List<String> names() {
    return new ArrayList<>(names);
  }

  void clear() {
    names.clear();
    keys.clear();
    storeCalls.clear();
    completionFailures.clear();
  }

  @Override
  public void onMiss(String key) {
    add("miss", key);
  }

  @Override
  public void onHit(String key, RecordStatus status) {
    add("hit:" + status, key);
  }

  @Override
  public void onReplay(String key, boolean fromLocalCache) {
    add(fromLocalCache ? "replay:cache" : "replay", key);
  }

  @Override
  public void onInProgress(String key) {
    add("inProgress", key);
  }

  @Override
  public void onWait(String key, Duration waited) {
    add("wait", key);
  }

  @Override
  public void onLeaseLost(String key) {
    add("leaseLost", key);
  }

  @Override
  public void onLeaseRenewed(String key, java.time.Instant until) {
    add("leaseRenewed", key);
  }

  @Override
  public void onMissingKey() {
    add("missingKey", null);
  }

  @Override
  public void onCompletionFailed(String key, StoreException error) {
    completionFailures.add(error);
    add("completionFailed", key);
  }

  @Override
  public void onStoreCall(StoreOperation operation, Duration latency, boolean failed) {
    storeCalls.add(operation);
  }
}
