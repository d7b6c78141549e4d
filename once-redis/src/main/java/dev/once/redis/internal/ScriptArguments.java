package dev.once.redis.internal;

import dev.once.spi.AcquireRequest;
import dev.once.spi.Completion;
import dev.once.spi.LeaseExtension;
import dev.once.spi.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripts' arguments (ARGV), as each script's header describes them. With {@link
 * TimeSource#CALLER} the times are computed here from the request's {@code now}, exactly as the SPI
 * rounds them, and the base time is passed along; with {@link TimeSource#STORE} the base is left
 * empty (the script reads {@code TIME}) and the durations are passed, in microseconds rounded up.
 * Not API.
 */
public final class ScriptArguments {

  private static final byte[] SERVER_TIME = new byte[0];

  private ScriptArguments() {}

  /**
   * The acquire script's arguments: {base, lease end | lease time, expiry | expiry time, lease,
   * [validation]}.
   *
   * @param request the acquisition
   * @param time whose clock the store judges by: it decides between end times and durations
   * @return the arguments, in order
   */
  public static List<byte[]> acquire(AcquireRequest request, TimeSource time) {
    List<byte[]> args = new ArrayList<>(5);
    if (time == TimeSource.CALLER) {
      Instant now = request.now();
      args.add(number(micros(now)));
      args.add(number(request.leaseEnd(now).toEpochMilli()));
      args.add(number(request.expiresAt(now).getEpochSecond()));
    } else {
      args.add(SERVER_TIME);
      args.add(number(micros(request.leaseTime())));
      args.add(number(micros(request.expiry())));
    }
    args.add(utf8(request.lease()));
    if (request.validation() != null) {
      args.add(utf8(request.validation()));
    }
    return args;
  }

  /**
   * The complete script's arguments: {base, expiry | expiry time, lease, status, data}.
   *
   * @param completion the final state
   * @param time whose clock the store judges by: it decides between an end time and a duration
   * @return the arguments, in order; the data array is shared, not copied
   */
  public static List<byte[]> complete(Completion completion, TimeSource time) {
    List<byte[]> args = new ArrayList<>(5);
    if (time == TimeSource.CALLER) {
      args.add(number(micros(completion.now())));
      args.add(number(completion.expiresAt(completion.now()).getEpochSecond()));
    } else {
      args.add(SERVER_TIME);
      args.add(number(micros(completion.expiry())));
    }
    args.add(utf8(completion.lease()));
    args.add(utf8(completion.status().name()));
    args.add(completion.data());
    return args;
  }

  /**
   * The extend script's arguments: {base, lease end | lease time, lease}.
   *
   * @param extension the renewal
   * @param time whose clock the store judges by: it decides between an end time and a duration
   * @return the arguments, in order
   */
  public static List<byte[]> extend(LeaseExtension extension, TimeSource time) {
    List<byte[]> args = new ArrayList<>(3);
    if (time == TimeSource.CALLER) {
      args.add(number(micros(extension.now())));
      args.add(number(extension.leaseEnd(extension.now()).toEpochMilli()));
    } else {
      args.add(SERVER_TIME);
      args.add(number(micros(extension.leaseTime())));
    }
    args.add(utf8(extension.lease()));
    return args;
  }

  /** Epoch microseconds, rounded down: a whole number at or before {@code instant}. */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** Microseconds, rounded up, so the script's rounding up matches the SPI's. */
  static long micros(Duration duration) {
    return Math.addExact(
        Math.multiplyExact(duration.getSeconds(), 1_000_000L), (duration.getNano() + 999) / 1_000);
  }

  private static byte[] number(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
