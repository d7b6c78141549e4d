package dev.once.testkit;

import dev.once.InMemoryStore;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores with one deliberate defect each, to show that the checks catch it. Test-only; never use.
 */
final class BrokenStores {

  private BrokenStores() {}

  /** Acquire writes unconditionally: no "absent or not live" condition. */
  static IdempotencyStore unconditionalAcquire() {
    return new MapStore(false, true);
  }

  /** Complete and release ignore the lease: any holder's write lands. */
  static IdempotencyStore leaseBlindWrites() {
    return new MapStore(true, false);
  }

  /** A plain map store with the two checks switchable, so each defect comes alone. */
  private static final class MapStore implements IdempotencyStore {
    private final boolean conditionalAcquire;
    private final boolean fencedWrites;
    private final ConcurrentHashMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();

    MapStore(boolean conditionalAcquire, boolean fencedWrites) {
      this.conditionalAcquire = conditionalAcquire;
      this.fencedWrites = fencedWrites;
    }

    @Override
    public AcquireResult acquire(IdempotencyRecord record, Instant now) {
      IdempotencyRecord[] live = new IdempotencyRecord[1];
      records.compute(
          record.key(),
          (k, current) -> {
            if (conditionalAcquire && current != null && current.isLive(now)) {
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
      boolean[] written = new boolean[1];
      records.computeIfPresent(
          key,
          (k, current) -> {
            if (fencedWrites && !lease.equals(current.lease())) {
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
            if (fencedWrites && !lease.equals(current.lease())) {
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
  }

  /** The same store with both checks on: it must pass everything, or the checks are too strict. */
  static IdempotencyStore correctMapStore() {
    return new MapStore(true, true);
  }

  /** The real in-memory store, for symmetry in parameterised tests. */
  static IdempotencyStore inMemory() {
    return new InMemoryStore();
  }
}
