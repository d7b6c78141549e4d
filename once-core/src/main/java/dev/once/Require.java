package dev.once;

import java.time.Duration;
import java.util.Objects;

/** The checks builders run on a setting as it is made; each message names the setting and value. */
final class Require {

  private Require() {}

  static void text(String setting, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          setting + " must be non-blank but was " + (value == null ? "null" : "\"" + value + "\""));
    }
  }

  /**
   * A duration that times are computed from: positive, and at most {@link
   * Idempotency#MAX_DURATION}, so that no instant or nanosecond count computed from it overflows.
   */
  static void duration(String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(setting + " must be positive but was " + value);
    }
    if (value.compareTo(Idempotency.MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          setting
              + " must be at most "
              + Idempotency.MAX_DURATION.toDays()
              + " days ("
              + Idempotency.MAX_DURATION
              + ") but was "
              + value);
    }
  }

  static void state(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
