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

  /**
   * Creates an empty cache.
   *
   * @param maxEntries the most records kept; positive (the least recently used go first)
   * @param clock the engine's clock, by which entries expire
   */
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

  /**
   * The cached record of {@code key}, if present and not expired at {@code now}; an expired one is
   * dropped.
   *
   * @param key the full key
   * @param now the engine's clock reading
   * @return the finished record, or {@code null} when none is cached or it has expired
   */
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

  /**
   * Caches a finished record until its expiry; does nothing for an in-progress or expired one.
   *
   * @param record the record as stored
   */
  public void put(IdempotencyRecord record) {
    if (record.status() != RecordStatus.INPROGRESS && !record.isExpired(clock.instant())) {
      cache.put(record.key(), record);
    }
  }

  /**
   * Drops the cached record of {@code key}, if any.
   *
   * @param key the full key
   */
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
