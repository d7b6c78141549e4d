package dev.once.testkit;

import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A store that forwards every call to another: extend it and override the one operation a test
 * changes (a fault, a deliberate defect, a counter). Thread-safe when the delegate is and the
 * overrides are.
 */
public abstract class ForwardingStore implements IdempotencyStore {

  private final IdempotencyStore delegate;

  protected ForwardingStore(IdempotencyStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected final IdempotencyStore delegate() {
    return delegate;
  }

  @Override
  public AcquireResult acquire(IdempotencyRecord record, Instant now) {
    return delegate.acquire(record, now);
  }

  @Override
  public WriteOutcome complete(
      String key, String lease, RecordStatus status, byte[] data, Instant expiresAt) {
    return delegate.complete(key, lease, status, data, expiresAt);
  }

  @Override
  public WriteOutcome release(String key, String lease) {
    return delegate.release(key, lease);
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    return delegate.find(key);
  }

  @Override
  public boolean purge(String key) {
    return delegate.purge(key);
  }

  @Override
  public List<IdempotencyRecord> list(Optional<RecordStatus> status, int limit) {
    return delegate.list(status, limit);
  }

  @Override
  public OptionalInt maxDataBytes() {
    return delegate.maxDataBytes();
  }
}
