package dev.once.jdbc.internal;

import dev.once.spi.AcquireRequest;
import dev.once.spi.Completion;
import dev.once.spi.LeaseExtension;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a request's times into what the statements bind: the base time in epoch milliseconds
 * ({@code null} when the database's clock is the base), and durations after the base, in
 * milliseconds. On the caller's clock the durations are those of the request's own {@code
 * leaseEnd}/{@code expiresAt} (so the stored record is exactly the SPI's); on the database's clock
 * they are the request's durations rounded up to the millisecond, and the statement adds them to
 * its own clock reading and rounds as the SPI does.
 */
public final class StoreTimes {

  private final boolean databaseClock;

  /**
   * Chooses the base time of every statement.
   *
   * @param databaseClock true when the database's clock is the base time
   */
  public StoreTimes(boolean databaseClock) {
    this.databaseClock = databaseClock;
  }

  /**
   * The bind values of an acquire.
   *
   * @param request the acquisition
   * @return the key, lease, validation digest, base time ({@code null} for the database's clock)
   *     and the lease end and expiry after it, in milliseconds
   */
  public AcquireArgs acquire(AcquireRequest request) {
    Instant now = request.now();
    long base = now.toEpochMilli();
    return new AcquireArgs(
        request.key(),
        request.lease(),
        request.validation(),
        databaseClock ? null : base,
        databaseClock
            ? upToMillis(request.leaseTime())
            : request.leaseEnd(now).toEpochMilli() - base,
        databaseClock
            ? upToMillis(request.expiry())
            : request.expiresAt(now).toEpochMilli() - base);
  }

  /**
   * The base time of a statement.
   *
   * @param now the request's clock reading
   * @return {@code now} in epoch milliseconds, or {@code null} for the database's clock
   */
  public Long base(Instant now) {
    return databaseClock ? null : now.toEpochMilli();
  }

  /**
   * The completion's expiry after its base time.
   *
   * @param completion the final state
   * @return milliseconds after the base time, rounded as the SPI rounds
   */
  public long expiryMillis(Completion completion) {
    Instant now = completion.now();
    return databaseClock
        ? upToMillis(completion.expiry())
        : completion.expiresAt(now).toEpochMilli() - now.toEpochMilli();
  }

  /**
   * The extension's lease end after its base time.
   *
   * @param extension the renewal
   * @return milliseconds after the base time, rounded as the SPI rounds
   */
  public long leaseMillis(LeaseExtension extension) {
    Instant now = extension.now();
    return databaseClock
        ? upToMillis(extension.leaseTime())
        : extension.leaseEnd(now).toEpochMilli() - now.toEpochMilli();
  }

  private static long upToMillis(Duration duration) {
    long millis = duration.toMillis();
    return duration.equals(Duration.ofMillis(millis)) ? millis : millis + 1;
  }
}
