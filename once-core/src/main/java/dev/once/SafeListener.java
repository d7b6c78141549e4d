package dev.once;

import dev.once.spi.RecordStatus;
import dev.once.spi.StoreOperation;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shields the engine from a listener that throws: the error is logged and the call goes on. */
final class SafeListener implements IdempotencyListener {

  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

  private final IdempotencyListener delegate;

  SafeListener(IdempotencyListener delegate) {
    this.delegate = delegate;
  }

  private void guard(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      LOG.warn("idempotency listener {} threw; ignored", delegate.getClass().getName(), e);
    }
  }

  @Override
  public void onMiss(String key) {
    guard(() -> delegate.onMiss(key));
  }

  @Override
  public void onHit(String key, RecordStatus status) {
    guard(() -> delegate.onHit(key, status));
  }

  @Override
  public void onReplay(String key, boolean fromLocalCache) {
    guard(() -> delegate.onReplay(key, fromLocalCache));
  }

  @Override
  public void onInProgress(String key) {
    guard(() -> delegate.onInProgress(key));
  }

  @Override
  public void onWait(String key, Duration waited) {
    guard(() -> delegate.onWait(key, waited));
  }

  @Override
  public void onLeaseLost(String key) {
    guard(() -> delegate.onLeaseLost(key));
  }

  @Override
  public void onLeaseRenewed(String key, Instant until) {
    guard(() -> delegate.onLeaseRenewed(key, until));
  }

  @Override
  public void onMissingKey() {
    guard(delegate::onMissingKey);
  }

  @Override
  public void onCompletionFailed(String key, StoreException error) {
    guard(() -> delegate.onCompletionFailed(key, error));
  }

  @Override
  public void onStoreCall(StoreOperation operation, Duration latency, boolean failed) {
    guard(() -> delegate.onStoreCall(operation, latency, failed));
  }
}
