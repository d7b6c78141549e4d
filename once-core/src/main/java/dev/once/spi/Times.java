package dev.once.spi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The rounding every store applies to the times it writes, so all stores agree to the unit. */
final class Times {

  private Times() {}

  /** Rounded up to the millisecond: a lease never ends before its holder believes it does. */
  static Instant upToMilli(Instant instant) {
    Instant whole = instant.truncatedTo(ChronoUnit.MILLIS);
    return whole.equals(instant) ? whole : whole.plusMillis(1);
  }

  /**
   * Rounded up to the second (DynamoDB's TTL is epoch seconds): a record lasts at least its window,
   * where rounding down could expire a sub-second window before it is written.
   */
  static Instant upToSecond(Instant instant) {
    Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
    return whole.equals(instant) ? whole : whole.plusSeconds(1);
  }

  static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
