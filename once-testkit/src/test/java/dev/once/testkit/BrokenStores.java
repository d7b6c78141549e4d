package dev.once.testkit;

import dev.once.InMemoryStore;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    public AcquireResult acquire(AcquireRequest request) {
      Instant now = request.now();
      IdempotencyRecord[] live = new IdempotencyRecord[1];
      records.compute(
          request.key(),
          (k, current) -> {
            if (conditionalAcquire && current != null && current.isLive(now)) {
              live[0] = current;
              return current;
            }
            return request.record(now);
          });
      return live[0] == null ? AcquireResult.acquired() : AcquireResult.existing(live[0]);
    }

    @Override
    public WriteOutcome complete(Completion c) {
      boolean[] written = new boolean[1];
      records.computeIfPresent(
          c.key(),
          (k, current) -> {
            if (fencedWrites && !c.lease().equals(current.lease())) {
              return current;
            }
            written[0] = true;
            return current.completed(c.status(), c.data(), c.expiresAt(c.now()));
          });
      return written[0] ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
    }

    @Override
    public WriteOutcome extend(LeaseExtension e) {
      boolean[] written = new boolean[1];
      records.computeIfPresent(
          e.key(),
          (k, current) -> {
            if (current.status() != RecordStatus.INPROGRESS
                || (fencedWrites && !e.lease().equals(current.lease()))) {
              return current;
            }
            written[0] = true;
            return new IdempotencyRecord(
                k,
                current.status(),
                e.expiresAt(e.now(), current.expiresAt()),
                e.leaseEnd(e.now()),
                current.validation(),
                current.data(),
                current.lease());
          });
      return written[0] ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
    }

    @Override
    public ReleaseOutcome release(String key, String lease) {
      ReleaseOutcome[] outcome = {ReleaseOutcome.ABSENT};
      records.computeIfPresent(
          key,
          (k, current) -> {
            if (fencedWrites && !lease.equals(current.lease())) {
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
      return records.values().stream()
          .filter(r -> statuses.contains(r.status()))
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
