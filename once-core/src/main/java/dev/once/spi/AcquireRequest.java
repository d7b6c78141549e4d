package dev.once.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the engine asks {@link IdempotencyStore#acquire} to write: an {@link
 * RecordStatus#INPROGRESS} record for {@code key} under a fresh {@code lease}. Times travel as
 * durations, so a store that judges by its own clock ({@link TimeSource#STORE}) counts them from
 * its own reading, and a store that judges by the caller's ({@link TimeSource#CALLER}) counts them
 * from {@link #now()}.
 *
 * @param key the full key, {@code prefix#digest}
 * @param lease the caller's fresh fencing token
 * @param validation the digest of the payload part chosen for validation, or {@code null}
 * @param now the caller's clock reading when it sent the request
 * @param leaseTime how long the lease lasts from the store's base time; positive
 * @param expiry how long the whole record lasts from the store's base time; positive (the record
 *     never expires before its lease ends, see {@link #expiresAt(Instant)})
 */
public record AcquireRequest(
    String key, String lease, String validation, Instant now, Duration leaseTime, Duration expiry) {

  /** Validates every field. */
  public AcquireRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(now, "now");
    Require.positive("leaseTime", leaseTime);
    Require.positive("expiry", expiry);
  }

  /** When the lease ends, counted from {@code base}: rounded up to the millisecond. */
  public Instant leaseEnd(Instant base) {
    return Times.upToMilli(base.plus(leaseTime));
  }

  /**
   * When the record expires, counted from {@code base}: the expiry window, but never before a
   * second past the lease's end; rounded up to the second.
   */
  public Instant expiresAt(Instant base) {
    return Times.upToSecond(Times.later(base.plus(expiry), leaseEnd(base).plusSeconds(1)));
  }

  /** The in-progress record to write, its times counted from {@code base}. */
  public IdempotencyRecord record(Instant base) {
    return IdempotencyRecord.inProgress(key, expiresAt(base), leaseEnd(base), validation, lease);
  }
}
