package dev.once.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves two hours, past the default expiry window, each time it is stepped. */
final class SteppingClock extends Clock {

  private static final Duration STEP = Duration.ofHours(2);
  private Instant now = Instant.parse("2030-01-01T00:00:00Z");

  void step() {
    now = now.plus(STEP);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a benchmark clock has one zone");
  }
}
