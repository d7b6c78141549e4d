package dev.once;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A bounded, thread-safe cache of finished records (completed or failed), each kept until its own
 * expiry. In-progress records are never cached: only the store knows when they change.
 */
final class LocalCache {

  private final Cache<String, IdempotencyRecord> cache;
  private final Clock clock;

  LocalCache(int maxEntries, Clock clock) {
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            // Maintenance on the calling thread: cheaper than waking a pool thread on a hot path.
            .executor(Runnable::run)
            .ticker(() -> clock.millis() * 1_000_000L)
            .expireAfter(new UntilRecordExpiry(clock))
            .build();
  }

  /** The cached record, if present and not expired at {@code now}. */
  public IdempotencyRecord get(String key, Instant now) {
    IdempotencyRecord record = cache.getIfPresent(key);
    if (record == null) {
      return null;
    }
    if (record.isExpired(now)) {
      cache.invalidate(key);
      return null;
    }
    return record;
  }

  public void put(IdempotencyRecord record) {
    if (record.status() != RecordStatus.INPROGRESS && !record.isExpired(clock.instant())) {
      cache.put(record.key(), record);
    }
  }

  public void invalidate(String key) {
    cache.invalidate(key);
  }

  private record UntilRecordExpiry(Clock clock) implements Expiry<String, IdempotencyRecord> {
    @Override
    public long expireAfterCreate(String key, IdempotencyRecord record, long currentTime) {
      return Math.max(0, Duration.between(clock.instant(), record.expiresAt()).toNanos());
    }

    @Override
    public long expireAfterUpdate(
        String key, IdempotencyRecord record, long currentTime, long currentDuration) {
      return expireAfterCreate(key, record, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, IdempotencyRecord record, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
