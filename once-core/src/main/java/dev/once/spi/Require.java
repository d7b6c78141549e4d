package dev.once.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks every builder of Once runs on a setting as it is made, so that a bad value fails where
 * it is written, with a message that names the setting and the value ({@code "expiry must be
 * positive but was PT-1S"}). Part of the SPI so that a store's builder (and any other component
 * built on Once) checks its settings the same way and words its messages alike; Once's own modules
 * use nothing else. A conflict between settings is an {@link IllegalStateException}, a bad value an
 * {@link IllegalArgumentException}, a missing one a {@link NullPointerException} naming the
 * setting. Stateless and thread-safe.
 */
public final class Require {

  private Require() {}

  /**
   * {@code value}, checked to be non-blank.
   *
   * @param setting the setting's name, for the message
   * @param value the value to check
   * @return {@code value}
   * @throws IllegalArgumentException when {@code value} is null, empty or only white space
   */
  public static String text(String setting, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          setting + " must be non-blank but was " + (value == null ? "null" : "\"" + value + "\""));
    }
    return value;
  }

  /**
   * {@code value}, checked to be positive.
   *
   * @param setting the setting's name, for the message
   * @param value the value to check
   * @return {@code value}
   * @throws NullPointerException naming the setting when {@code value} is null
   * @throws IllegalArgumentException when {@code value} is zero or negative
   */
  public static Duration positive(String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(setting + " must be positive but was " + value);
    }
    return value;
  }

  /**
   * {@code value}, checked to be positive and at most {@code max}: for durations that instants are
   * computed from on every call, where a longer one would overflow there instead of here.
   *
   * @param setting the setting's name, for the message
   * @param value the value to check
   * @param max the longest value accepted
   * @return {@code value}
   * @throws NullPointerException naming the setting when {@code value} is null
   * @throws IllegalArgumentException when {@code value} is not positive or longer than {@code max}
   */
  public static Duration positive(String setting, Duration value, Duration max) {
    positive(setting, value);
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          setting + " must be at most " + describe(max) + " but was " + value);
    }
    return value;
  }

  /**
   * {@code value}, checked to lie between {@code min} and {@code max}, both included.
   *
   * @param setting the setting's name, for the message
   * @param value the value to check
   * @param min the shortest value accepted
   * @param max the longest value accepted
   * @return {@code value}
   * @throws NullPointerException naming the setting when {@code value} is null
   * @throws IllegalArgumentException when {@code value} is outside the range
   */
  public static Duration between(String setting, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, setting);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          setting
              + " must be between "
              + describe(min)
              + " and "
              + describe(max)
              + " but was "
              + value);
    }
    return value;
  }

  /**
   * {@code value}, checked to be positive.
   *
   * @param setting the setting's name, for the message
   * @param value the value to check
   * @return {@code value}
   * @throws IllegalArgumentException when {@code value} is zero or negative
   */
  public static int positive(String setting, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(setting + " must be positive but was " + value);
    }
    return value;
  }

  /**
   * {@code value}, checked not to be negative.
   *
   * @param setting the setting's name, for the message
   * @param value the value to check
   * @return {@code value}
   * @throws IllegalArgumentException when {@code value} is negative
   */
  public static int notNegative(String setting, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(setting + " must not be negative but was " + value);
    }
    return value;
  }

  /**
   * Checks that settings go together.
   *
   * @param condition true when they do
   * @param message what conflicts, naming the settings and their values
   * @throws IllegalStateException with {@code message} when {@code condition} is false
   */
  public static void state(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static String describe(Duration duration) {
    if (duration.isZero()) {
      return "zero";
    }
    long days = duration.toDays();
    return days > 0 && Duration.ofDays(days).equals(duration)
        ? days + " days (" + duration + ")"
        : duration.toString();
  }
}
