package dev.once.testkit;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.TimeSource;
import dev.once.spi.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A store that forwards every call to another: extend it and override the one operation a test
 * changes (a fault, a deliberate defect, a counter). Thread-safe when the delegate is and the
 * overrides are.
 */
public abstract class ForwardingStore implements IdempotencyStore {

  private final IdempotencyStore delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @param delegate the real store; not null
   * @throws NullPointerException if {@code delegate} is null
   */
  protected ForwardingStore(IdempotencyStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The store calls are forwarded to, for an override that calls it itself.
   *
   * @return the delegate given to the constructor
   */
  protected final IdempotencyStore delegate() {
    return delegate;
  }

  @Override
  public AcquireResult acquire(AcquireRequest request) {
    return delegate.acquire(request);
  }

  @Override
  public WriteOutcome complete(Completion completion) {
    return delegate.complete(completion);
  }

  @Override
  public WriteOutcome extend(LeaseExtension extension) {
    return delegate.extend(extension);
  }

  @Override
  public ReleaseOutcome release(String key, String lease) {
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
  public List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit) {
    return delegate.list(statuses, limit);
  }

  @Override
  public OptionalInt purgeExpired(Instant now, int limit) {
    return delegate.purgeExpired(now, limit);
  }

  @Override
  public OptionalInt maxDataBytes() {
    return delegate.maxDataBytes();
  }

  @Override
  public TimeSource timeSource() {
    return delegate.timeSource();
  }
}
