package dev.once;

import com.fasterxml.jackson.databind.JsonNode;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.TransactionalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The state machine of DESIGN.md: take the call's key from its input, claim the key ({@link
 * Claims}: run, replay, wait or take over), run the work under a live lease ({@link Execution}, or
 * {@link TransactionalRun} inside a store transaction), and replay a finished key. Immutable and
 * thread-safe.
 */
final class Engine {

  private static final IdempotencyListener SILENT = new IdempotencyListener() {};

  private final EngineConfig config;
  private final TimedStore store;
  private final IdempotencyListener listener;
  private final LocalCache cache;
  private final Clock clock;
  private final Settlement settlement;
  private final LeaseRenewals renewals;
  private final Claims claims;
  private final Execution execution;

  Engine(EngineConfig config) {
    this.config = config;
    this.listener = config.listener() == null ? SILENT : new SafeListener(config.listener());
    this.store = new TimedStore(config.store(), listener);
    this.clock = config.clock();
    this.cache =
        config.localCacheSize() > 0 ? new LocalCache(config.localCacheSize(), clock) : null;
    Waiting waiting = new Waiting(store, listener, clock, config.sleeper());
    this.settlement = new Settlement(store, listener, clock, waiting, config.expiry());
    this.renewals =
        new LeaseRenewals(store, clock, config.scheduler(), listener, config.maxRunTime());
    this.claims = new Claims(config, store, listener, cache, waiting, settlement);
    this.execution = new Execution(config, listener, cache, settlement, renewals);
  }

  /**
   * Runs {@code work} once per key; see {@code Idempotency#call}.
   *
   * @param remaining the time left before the caller's own deadline, or {@code null} for none
   */
  <T, E extends Exception> T call(
      Object input, ResultType<T> type, Duration remaining, Work<T, E> work) throws E {
    Instant start = clock.instant();
    CallKey key = callKey(input);
    if (key == null) {
      listener.onMissingKey();
      return work.run();
    }
    config.encoding().requireReadable(type, key.key());
    Claim claim = claims.claim(key, deadline(start, remaining));
    if (claim instanceof Claim.Finished finished) {
      return finished(finished, type);
    }
    return execution.run(((Claim.Held) claim).lease(), work);
  }

  /**
   * Runs {@code work} once per key inside a transaction of the store, which commits the work's
   * effect together with its completed record; see {@code Idempotency#callInTransaction}.
   *
   * @param joined the caller's own transaction, or {@code null} for one the store opens
   */
  <C, T, E extends Exception> T callInTransaction(
      Object input,
      ResultType<T> type,
      Duration remaining,
      C joined,
      TransactionalWork<C, T, E> work)
      throws E {
    TransactionalStore<C> transactional = transactionalStore(joined);
    Instant start = clock.instant();
    CallKey key = callKey(input);
    if (key == null) {
      listener.onMissingKey();
      return TransactionalRun.unprotected(transactional, joined, work);
    }
    config.encoding().requireReadable(type, key.key());
    Claim claim = claims.claim(key, deadline(start, remaining));
    if (claim instanceof Claim.Finished finished) {
      return finished(finished, type);
    }
    HeldLease held = ((Claim.Held) claim).lease();
    return new TransactionalRun<>(
            transactional, joined, held, store, listener, settlement, renewals, execution)
        .run(work);
  }

  @SuppressWarnings("unchecked")
  private <C> TransactionalStore<C> transactionalStore(C joined) {
    if (!(config.store() instanceof TransactionalStore<?> transactional)) {
      throw new IllegalStateException(
          config.store().getClass().getSimpleName()
              + " cannot join a transaction: callInTransaction needs a TransactionalStore");
    }
    if (joined != null && !transactional.transactionType().isInstance(joined)) {
      throw new IllegalArgumentException(
          "the transaction passed is a "
              + joined.getClass().getName()
              + ", but "
              + config.store().getClass().getSimpleName()
              + " takes a "
              + transactional.transactionType().getName());
    }
    return (TransactionalStore<C>) transactional;
  }

  private Deadline deadline(Instant start, Duration remaining) {
    return Deadline.of(start, remaining, config.maxRunTime(), config.renewLeases());
  }

  /**
   * Replays a completed record, or rethrows a stored permanent failure. The record is cached only
   * once it decoded: a corrupt one is not kept after the store's copy is mended or purged.
   */
  private <T> T finished(Claim.Finished finished, ResultType<T> type) {
    IdempotencyRecord record = finished.record();
    boolean fromCache = finished.fromCache();
    if (record.status() == RecordStatus.FAILED) {
      StoredFailureException failure = config.encoding().decodeFailure(record.data(), record.key());
      cache(finished);
      throw failure;
    }
    T result = config.encoding().decode(record.data(), type, record.key());
    cache(finished);
    listener.onReplay(record.key(), fromCache);
    return config.replayHook() == null ? result : hooked(result, record, fromCache);
  }

  /** The replay hook's answer for {@code result}, on the record's facts. */
  @SuppressWarnings("unchecked") // the hook's contract: a value of the call's result type
  private <T> T hooked(T result, IdempotencyRecord record, boolean fromCache) {
    Replay replay =
        new Replay(
            record.key(), record.expiresAt().minus(config.expiry()), record.expiresAt(), fromCache);
    return (T) config.replayHook().apply(result, replay);
  }

  private void cache(Claim.Finished finished) {
    if (cache != null && !finished.fromCache()) {
      cache.put(finished.record());
    }
  }

  /** The full key and validation digest of a call, or {@code null} to run it unprotected. */
  private CallKey callKey(Object input) {
    JsonNode value = config.keySelector().select(input);
    if (Selector.isMissing(value)) {
      if (config.missingKeyPolicy() == MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY) {
        return null;
      }
      throw new MissingKeyException(config.keySelector().description());
    }
    String validation =
        config.validationSelector() == null
            ? null
            : config.hasher().hash(config.validationSelector().select(input));
    return new CallKey(fullKey(value), validation);
  }

  /**
   * The stored key for {@code input}, as a call would compute it.
   *
   * @throws MissingKeyException when the input holds no key, whatever the missing-key policy
   */
  String keyOf(Object input) {
    JsonNode value = config.keySelector().select(input);
    if (Selector.isMissing(value)) {
      throw new MissingKeyException(config.keySelector().description());
    }
    return fullKey(value);
  }

  private String fullKey(JsonNode value) {
    return config.keyPrefix() + "#" + config.hasher().hash(value);
  }
}
