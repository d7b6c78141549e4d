package dev.once.cli;

import dev.once.InMemoryStore;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Protection deliberately broken another way: completion never lands and always answers "lease
 * lost", long before any lease could have ended. Each key stays in progress until its lease ends
 * and is then run again.
 */
final class LeaseLosingStore implements IdempotencyStore {

  private final InMemoryStore records = new InMemoryStore();

  @Override
  public AcquireResult acquire(IdempotencyRecord record, Instant now) {
    return records.acquire(record, now);
  }

  @Override
  public WriteOutcome complete(
      String key, String lease, RecordStatus status, byte[] data, Instant expiresAt) {
    return WriteOutcome.LEASE_LOST;
  }

  @Override
  public WriteOutcome release(String key, String lease) {
    return records.release(key, lease);
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    return records.find(key);
  }

  @Override
  public boolean purge(String key) {
    return records.purge(key);
  }

  @Override
  public List<IdempotencyRecord> list(Optional<RecordStatus> status, int limit) {
    return records.list(status, limit);
  }
}
