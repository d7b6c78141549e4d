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

  /**
   * Checks the request at once, so a store never sees a half-formed one.
   *
   * @param key the full key, {@code prefix#digest}; not null
   * @param lease the caller's fresh fencing token; not null
   * @param validation the validation digest, or {@code null} when the call validates nothing
   * @param now the caller's clock reading; not null
   * @param leaseTime the lease's length; positive
   * @param expiry the record's lifetime; positive
   * @throws NullPointerException if any argument but {@code validation} is null
   * @throws IllegalArgumentException if {@code leaseTime} or {@code expiry} is zero or negative
   */
  public AcquireRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(now, "now");
    Require.positive("leaseTime", leaseTime);
    Require.positive("expiry", expiry);
  }

  /**
   * When the lease ends, counted from {@code base}: rounded up to the millisecond.
   *
   * @param base the instant the store counts from: {@link #now()} or the store's own clock
   * @return {@code base} plus {@link #leaseTime()}, rounded up to the millisecond
   */
  public Instant leaseEnd(Instant base) {
    return Times.upToMilli(base.plus(leaseTime));
  }

  /**
   * When the record expires, counted from {@code base}: the expiry window, but never before a
   * second past the lease's end; rounded up to the second.
   *
   * @param base the instant the store counts from: {@link #now()} or the store's own clock
   * @return the record's TTL, whole seconds, at least one second after {@link #leaseEnd(Instant)}
   */
  public Instant expiresAt(Instant base) {
    return Times.upToSecond(Times.later(base.plus(expiry), leaseEnd(base).plusSeconds(1)));
  }

  /**
   * The in-progress record to write, its times counted from {@code base}.
   *
   * @param base the instant the store counts from: {@link #now()} or the store's own clock
   * @return a new {@link RecordStatus#INPROGRESS} record holding this request's lease and
   *     validation digest, with no data
   */
  public IdempotencyRecord record(Instant base) {
    return IdempotencyRecord.inProgress(key, expiresAt(base), leaseEnd(base), validation, lease);
  }
}
