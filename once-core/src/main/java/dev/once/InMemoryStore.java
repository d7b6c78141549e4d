package dev.once;

import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store in this JVM's memory: for tests, local runs and the {@code once simulate} default. It
 * keeps the full store contract (atomic per key, fenced by lease) across the threads of one JVM,
 * and nothing across processes. Expired records are dropped when their key is next acquired.
 *
 * <p>Thread-safe.
 */
public final class InMemoryStore implements IdempotencyStore {

  private final ConcurrentHashMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();

  @Override
  public AcquireResult acquire(IdempotencyRecord record, Instant now) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(now, "now");
    IdempotencyRecord[] live = new IdempotencyRecord[1];
    records.compute(
        record.key(),
        (key, current) -> {
          if (current != null && current.isLive(now)) {
            live[0] = current;
            return current;
          }
          return record;
        });
    return live[0] == null ? AcquireResult.acquired() : AcquireResult.existing(live[0]);
  }

  @Override
  public WriteOutcome complete(
      String key, String lease, RecordStatus status, byte[] data, Instant expiresAt) {
    Objects.requireNonNull(data, "data");
    boolean[] written = new boolean[1];
    records.computeIfPresent(
        key,
        (k, current) -> {
          if (!lease.equals(current.lease())) {
            return current;
          }
          written[0] = true;
          return current.completed(status, data, expiresAt);
        });
    return written[0] ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
  }

  @Override
  public WriteOutcome release(String key, String lease) {
    boolean[] deleted = new boolean[1];
    records.computeIfPresent(
        key,
        (k, current) -> {
          if (!lease.equals(current.lease())) {
            return current;
          }
          deleted[0] = true;
          return null;
        });
    return deleted[0] ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
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
  public List<IdempotencyRecord> list(Optional<RecordStatus> status, int limit) {
    return records.values().stream()
        .filter(r -> status.isEmpty() || r.status() == status.get())
        .limit(limit)
        .toList();
  }

  /** The number of records held, live or not. */
  public int size() {
    return records.size();
  }
}
