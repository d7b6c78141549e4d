package dev.once.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the engine asks {@link IdempotencyStore#extend} to write: a later lease end for a record the
 * caller still holds, so long work keeps its key (a heartbeat).
 *
 * @param key the full key
 * @param lease the fencing token the record must still carry
 * @param now the caller's clock reading when it sent the request
 * @param leaseTime how long the lease lasts from the store's base time; positive
 */
public record LeaseExtension(String key, String lease, Instant now, Duration leaseTime) {

  /**
   * Checks the extension at once, so a store never sees a half-formed one.
   *
   * @param key the full key; not null
   * @param lease the fencing token the record must still carry; not null
   * @param now the caller's clock reading; not null
   * @param leaseTime the new lease's length from the base time; positive
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code leaseTime} is zero or negative
   */
  public LeaseExtension {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(now, "now");
    Require.positive("leaseTime", leaseTime);
  }

  /**
   * The new lease end, counted from {@code base}: rounded up to the millisecond.
   *
   * @param base the instant the store counts from: {@link #now()} or the store's own clock
   * @return {@code base} plus {@link #leaseTime()}, rounded up to the millisecond
   */
  public Instant leaseEnd(Instant base) {
    return Times.upToMilli(base.plus(leaseTime));
  }

  /**
   * The record's expiry after the extension: unchanged unless it would come less than a second
   * after the new lease end, then a second past it, rounded up to the second.
   *
   * @param base the instant the store counts from: {@link #now()} or the store's own clock
   * @param currentExpiresAt the record's TTL as stored now
   * @return the TTL to store: {@code currentExpiresAt}, or a second past the new lease end when
   *     that is later
   */
  public Instant expiresAt(Instant base, Instant currentExpiresAt) {
    return Times.later(currentExpiresAt, Times.upToSecond(leaseEnd(base).plusSeconds(1)));
  }
}
