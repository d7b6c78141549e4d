package dev.once;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.Require;
import dev.once.spi.ResultCodec;
import dev.once.spi.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The settings of an {@link Idempotency}, as the builder makes them: {@code null} where a setting
 * was left to a default that depends on others (the digest on the key format, the mapper, the
 * codec, compression, the result limit on the store, the scheduler). {@link IdempotencyConfig}
 * reads them; {@link Idempotency.Builder} writes them.
 */
final class IdempotencySettings extends Settings<IdempotencySettings> {

  static final String DEFAULT_KEY_PREFIX = "once";
  static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
  static final Duration DEFAULT_MAX_RUN_TIME = Duration.ofMinutes(15);
  static final Duration DEFAULT_MIN_RUN_TIME = Duration.ofMillis(200);
  static final int DEFAULT_COMPRESS_ABOVE = 8 * 1024;

  IdempotencyStore store;
  String keyPrefix = DEFAULT_KEY_PREFIX;
  String keyPath;
  Function<Object, ?> keyFunction;
  String validationPath;
  Function<Object, ?> validationFunction;
  KeyFormat keyFormat = KeyFormat.ONCE;
  String hashAlgorithm;
  Duration expiry = DEFAULT_EXPIRY;
  Duration maxRunTime = DEFAULT_MAX_RUN_TIME;
  Duration minRunTime = DEFAULT_MIN_RUN_TIME;
  boolean leaseRenewal = true;
  LeaseLostPolicy leaseLostPolicy = LeaseLostPolicy.THROW;
  Scheduler scheduler;
  InProgressPolicy inProgressPolicy = InProgressPolicy.FAIL_FAST;
  MissingKeyPolicy missingKeyPolicy = MissingKeyPolicy.FAIL;
  int localCache;
  ObjectMapper objectMapper;
  ResultCodec codec;
  Integer compressAbove;
  Integer maxResultBytes;
  Predicate<? super Exception> permanentFailures;
  IdempotencyListener listener;
  Clock clock = Clock.systemUTC();
  Sleeper sleeper = Sleeper.SYSTEM;
  ReplayHook replayHook;

  IdempotencySettings(IdempotencyStore store) {
    this.store = store;
  }

  boolean powertools() {
    return keyFormat == KeyFormat.POWERTOOLS;
  }

  /** The digest set, or the key format's default. */
  String effectiveHashAlgorithm() {
    return hashAlgorithm != null ? hashAlgorithm : KeyHasher.defaultAlgorithm(keyFormat);
  }

  /** Results encoded larger than this are gzipped: never with {@link KeyFormat#POWERTOOLS}. */
  int compressionThreshold() {
    if (powertools()) {
      return Integer.MAX_VALUE; // Powertools cannot read gzipped data
    }
    return compressAbove != null ? compressAbove : DEFAULT_COMPRESS_ABOVE;
  }

  /** The largest stored result: the one set, else the store's limit, else none. */
  int resultLimit() {
    int storeLimit = store.maxDataBytes().orElse(Integer.MAX_VALUE);
    return maxResultBytes != null ? maxResultBytes : storeLimit;
  }

  /**
   * Checks the settings that go together; each setting was checked alone when it was made.
   *
   * @throws IllegalStateException naming the settings that conflict
   * @throws IllegalArgumentException naming a value out of the range another setting allows
   */
  void checkTogether() {
    if (powertools()) {
      Require.state(
          permanentFailures == null,
          "permanentFailures stores failures as FAILED records, which Powertools cannot read:"
              + " KeyFormat.POWERTOOLS never writes them (a failure releases the key, as in"
              + " Powertools); remove permanentFailures or use KeyFormat.ONCE");
      Require.state(
          compressAbove == null,
          "compressAbove: KeyFormat.POWERTOOLS never compresses results (Powertools cannot read"
              + " gzipped data); a result too large for the store fails with"
              + " ResultTooLargeException");
    }
    if (minRunTime.compareTo(maxRunTime) >= 0) {
      throw new IllegalArgumentException(
          "minRunTime " + minRunTime + " must be below maxRunTime " + maxRunTime);
    }
    int storeLimit = store.maxDataBytes().orElse(Integer.MAX_VALUE);
    if (maxResultBytes != null && maxResultBytes > storeLimit) {
      throw new IllegalArgumentException(
          "maxResultBytes "
              + maxResultBytes
              + " is above what "
              + store.getClass().getSimpleName()
              + " can hold ("
              + storeLimit
              + " bytes)");
    }
  }
}
