package dev.once;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.Require;
import dev.once.spi.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store in this JVM's memory: for tests, local runs and the {@code once simulate} default. It
 * keeps the full store contract (atomic per key, fenced by lease) across the threads of one JVM,
 * and nothing across processes. Time is the caller's ({@link dev.once.spi.TimeSource#CALLER}): one
 * JVM has one clock. Expired records are dropped when their key is next acquired, or by {@link
 * #purgeExpired}.
 *
 * <p>Thread-safe.
 */
public final class InMemoryStore implements IdempotencyStore {

  private final ConcurrentHashMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryStore() {}

  @Override
  public AcquireResult acquire(AcquireRequest request) {
    Objects.requireNonNull(request, "request");
    Instant now = request.now();
    IdempotencyRecord[] live = new IdempotencyRecord[1];
    records.compute(
        request.key(),
        (key, current) -> {
          if (current != null && current.isLive(now)) {
            live[0] = current;
            return current;
          }
          return request.record(now);
        });
    return live[0] == null ? AcquireResult.acquired() : AcquireResult.existing(live[0]);
  }

  @Override
  public WriteOutcome complete(Completion completion) {
    Objects.requireNonNull(completion, "completion");
    boolean[] written = new boolean[1];
    records.computeIfPresent(
        completion.key(),
        (k, current) -> {
          if (!completion.lease().equals(current.lease())) {
            return current;
          }
          written[0] = true;
          return current.completed(
              completion.status(), completion.data(), completion.expiresAt(completion.now()));
        });
    return written[0] ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
  }

  @Override
  public WriteOutcome extend(LeaseExtension extension) {
    Objects.requireNonNull(extension, "extension");
    boolean[] written = new boolean[1];
    records.computeIfPresent(
        extension.key(),
        (k, current) -> {
          if (current.status() != RecordStatus.INPROGRESS
              || !extension.lease().equals(current.lease())) {
            return current;
          }
          written[0] = true;
          Instant base = extension.now();
          return new IdempotencyRecord(
              current.key(),
              current.status(),
              extension.expiresAt(base, current.expiresAt()),
              extension.leaseEnd(base),
              current.validation(),
              current.data(),
              current.lease());
        });
    return written[0] ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
  }

  @Override
  public ReleaseOutcome release(String key, String lease) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lease, "lease");
    ReleaseOutcome[] outcome = {ReleaseOutcome.ABSENT};
    records.computeIfPresent(
        key,
        (k, current) -> {
          if (!lease.equals(current.lease())) {
            outcome[0] = ReleaseOutcome.LEASE_LOST;
            return current;
          }
          outcome[0] = ReleaseOutcome.RELEASED;
          return null;
        });
    return outcome[0];
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    return Optional.ofNullable(records.get(key));
  }

  @Override
  public boolean purge(String key) {
    return records.remove(key) != null;
  }

  @Override
  public List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit) {
    Objects.requireNonNull(statuses, "statuses");
    Require.notNegative("limit", limit);
    return records.values().stream()
        .filter(r -> statuses.contains(r.status()))
        .limit(limit)
        .toList();
  }

  /** Deletes up to {@code limit} records expired at {@code now}. */
  @Override
  public OptionalInt purgeExpired(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    int deleted = 0;
    for (IdempotencyRecord record : records.values()) {
      if (deleted >= limit) {
        break;
      }
      if (record.isExpired(now) && records.remove(record.key(), record)) {
        deleted++;
      }
    }
    return OptionalInt.of(deleted);
  }

  /**
   * The number of records held, live or not: an expired record stays until it is acquired over,
   * purged, or deleted by {@link #purgeExpired}.
   *
   * @return the count at the moment of the call
   */
  public int size() {
    return records.size();
  }
}
