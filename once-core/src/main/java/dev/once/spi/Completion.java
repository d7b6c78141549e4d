package dev.once.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the engine asks {@link IdempotencyStore#complete} to write: the final state of a record,
 * conditional on the caller's lease.
 *
 * <p>The {@code data} array is not copied: treat it as read-only.
 *
 * @param key the full key
 * @param lease the fencing token the record must still carry
 * @param status {@link RecordStatus#COMPLETED} or {@link RecordStatus#FAILED}
 * @param data the encoded result or failure
 * @param now the caller's clock reading when it sent the request
 * @param expiry how long the finished record lasts from the store's base time; positive
 */
public record Completion(
    String key, String lease, RecordStatus status, byte[] data, Instant now, Duration expiry) {

  /**
   * Checks the completion at once, so a store never sees a half-formed one.
   *
   * @param key the full key; not null
   * @param lease the fencing token the record must still carry; not null
   * @param status the final state; not null and not {@link RecordStatus#INPROGRESS}
   * @param data the encoded result or failure; not null, kept without a copy
   * @param now the caller's clock reading; not null
   * @param expiry the finished record's lifetime; positive
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code status} is {@link RecordStatus#INPROGRESS}, or
   *     {@code expiry} is zero or negative
   */
  public Completion {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(status, "status");
    if (status == RecordStatus.INPROGRESS) {
      throw new IllegalArgumentException("a completion is COMPLETED or FAILED, not INPROGRESS");
    }
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(now, "now");
    Require.positive("expiry", expiry);
  }

  /**
   * When the finished record expires, counted from {@code base}: rounded up to the second.
   *
   * @param base the instant the store counts from: {@link #now()} or the store's own clock
   * @return {@code base} plus {@link #expiry()}, rounded up to whole seconds
   */
  public Instant expiresAt(Instant base) {
    return Times.upToSecond(base.plus(expiry));
  }

  /** Never prints the data: results stay off logs. */
  @Override
  public String toString() {
    return "Completion[key=" + key + ", status=" + status + ", dataBytes=" + data.length + "]";
  }
}
