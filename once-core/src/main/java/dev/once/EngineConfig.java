package dev.once;

import dev.once.spi.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Everything the engine needs, validated by the builder.
 *
 * @param validationSelector {@code null} when payload validation is off
 * @param localCacheSize 0 when the local cache is off
 * @param minRunTime the least lease the work must have left when it starts
 * @param renewLeases whether long work renews its lease
 * @param replayHook applied to every replayed result, or {@code null} for none
 */
record EngineConfig(
    IdempotencyStore store,
    String keyPrefix,
    Selector keySelector,
    Selector validationSelector,
    KeyHasher hasher,
    Duration expiry,
    Duration maxRunTime,
    Duration minRunTime,
    boolean renewLeases,
    InProgressPolicy inProgressPolicy,
    MissingKeyPolicy missingKeyPolicy,
    LeaseLostPolicy leaseLostPolicy,
    int localCacheSize,
    ResultEncoding encoding,
    int maxResultBytes,
    Predicate<? super Exception> permanentFailures,
    IdempotencyListener listener,
    Clock clock,
    Sleeper sleeper,
    Scheduler scheduler,
    ReplayHook replayHook) {}
