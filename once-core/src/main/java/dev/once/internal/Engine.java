package dev.once.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.once.CommitOutcomeUnknownException;
import dev.once.IdempotencyException;
import dev.once.IdempotencyListener;
import dev.once.InProgressException;
import dev.once.InProgressPolicy;
import dev.once.LeaseLostException;
import dev.once.LeaseLostPolicy;
import dev.once.LeaseTooShortException;
import dev.once.MissingKeyException;
import dev.once.MissingKeyPolicy;
import dev.once.PayloadMismatchException;
import dev.once.Replay;
import dev.once.ResultCodecException;
import dev.once.ResultTooLargeException;
import dev.once.ResultType;
import dev.once.StoreException;
import dev.once.StoredFailureException;
import dev.once.TransactionalWork;
import dev.once.Work;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.StoreTransaction;
import dev.once.spi.TransactionalStore;
import dev.once.spi.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of DESIGN.md: claim the key (acquire; replay a finished key; fail fast or wait
 * on a key in progress; take over an expired one), run the work under a live lease, complete or
 * release. Immutable and thread-safe.
 */
public final class Engine {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final IdempotencyListener SILENT = new IdempotencyListener() {};

  private final EngineConfig config;
  private final TimedStore store;
  private final IdempotencyListener listener;
  private final LocalCache cache;
  private final Clock clock;
  private final Waiting waiting;
  private final Settlement settlement;
  private final LeaseRenewals renewals;

  /**
   * Wires the engine's parts from a checked configuration; starts nothing and does no I/O.
   *
   * @param config the settings, already validated by {@code Idempotency}'s builder
   */
  public Engine(EngineConfig config) {
    this.config = config;
    this.listener = config.listener() == null ? SILENT : new SafeListener(config.listener());
    this.store = new TimedStore(config.store(), listener);
    this.clock = config.clock();
    this.cache =
        config.localCacheSize() > 0 ? new LocalCache(config.localCacheSize(), clock) : null;
    this.waiting = new Waiting(store, listener, clock, config.sleeper());
    this.settlement = new Settlement(store, listener, clock, waiting, config.expiry());
    this.renewals =
        new LeaseRenewals(store, clock, config.scheduler(), listener, config.maxRunTime());
  }

  /**
   * Runs {@code work} once per key; see {@code Idempotency#call}.
   *
   * @param <T> the result type
   * @param <E> the work's checked exception
   * @param input the input the key (and validation digest) is selected from
   * @param type the declared result type, stored results are decoded into it
   * @param remaining the time left before the caller's own deadline, or {@code null} for none
   * @param work what to run when this call holds the key
   * @return the work's result, or the stored result of an earlier call with the same key
   * @throws E the work's own exception, unchanged
   */
  public <T, E extends Exception> T call(
      Object input, ResultType<T> type, Duration remaining, Work<T, E> work) throws E {
    Instant start = clock.instant();
    CallKey key = callKey(input);
    if (key == null) {
      listener.onMissingKey();
      return work.run();
    }
    config.encoding().requireReadable(type, key.key());
    Deadline deadline = deadline(start, remaining);
    Claim claim = claim(key, deadline);
    if (claim instanceof Claim.Finished finished) {
      return finished(finished, type);
    }
    return run(((Claim.Held) claim).lease(), work);
  }

  /**
   * Runs {@code work} once per key inside a transaction of the store, which commits the work's
   * effect together with its completed record; see {@code Idempotency#callInTransaction}.
   *
   * @param <C> the transaction handle
   * @param <T> the result type
   * @param <E> the work's checked exception
   * @param input the input the key (and validation digest) is selected from
   * @param type the declared result type, stored results are decoded into it
   * @param remaining the time left before the caller's own deadline, or {@code null} for none
   * @param joined the caller's own transaction, or {@code null} for one the store opens
   * @param work what to run, inside the transaction, when this call holds the key
   * @return the work's result, or the stored result of an earlier call with the same key
   * @throws E the work's own exception, unchanged, after the transaction was rolled back
   */
  public <C, T, E extends Exception> T callInTransaction(
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
    Deadline deadline = deadline(start, remaining);
    Claim claim = claim(key, deadline);
    if (claim instanceof Claim.Finished finished) {
      return finished(finished, type);
    }
    HeldLease held = ((Claim.Held) claim).lease();
    return new TransactionalRun<>(transactional, joined, held).run(work);
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

  private IdempotencyRecord cached(CallKey key, Instant now) {
    if (cache == null) {
      return null;
    }
    IdempotencyRecord cached = cache.get(key.key(), now);
    if (cached != null) {
      listener.onHit(key.key(), cached.status());
      checkPayload(key, cached);
    }
    return cached;
  }

  /**
   * Claims the key, one attempt per store answer, as DESIGN.md's state table reads: cached →
   * replay; free → hold it and run; finished → replay; in progress → fail fast, or wait until it is
   * finished (replay) or free again (try again to take it over).
   */
  private Claim claim(CallKey key, Deadline deadline) {
    IdempotencyRecord cached = cached(key, deadline.start());
    if (cached != null) {
      return new Claim.Finished(cached, true);
    }
    Instant waitStart = null;
    while (true) {
      Instant now = clock.instant();
      AcquireRequest request = request(key, deadline, now);
      IdempotencyRecord found = holder(acquire(request), request);
      if (found == null) {
        reportWait(key, waitStart);
        return new Claim.Held(hold(request, deadline));
      }
      listener.onHit(key.key(), found.status());
      checkPayload(key, found);
      if (found.status() != RecordStatus.INPROGRESS) {
        reportWait(key, waitStart);
        return new Claim.Finished(found, false);
      }
      if (config.inProgressPolicy() == InProgressPolicy.FAIL_FAST) {
        listener.onInProgress(key.key());
        throw new InProgressException(key.key(), found.inProgressExpiresAt());
      }
      waitStart = waitStart == null ? now : waitStart;
      Duration acquireTook = Duration.between(now, clock.instant());
      IdempotencyRecord settled =
          waiting.untilSettled(found, deadline.waitUntil(), waitStart, acquireTook);
      if (settled != null) {
        checkPayload(key, settled);
        reportWait(key, waitStart);
        return new Claim.Finished(settled, false);
      }
    }
  }

  /**
   * The acquisition to send at {@code now}; refused before any write when its lease is too short.
   */
  private AcquireRequest request(CallKey key, Deadline deadline, Instant now) {
    Duration leaseTime = deadline.leaseTime(now);
    if (leaseTime.compareTo(config.minRunTime()) < 0) {
      throw new LeaseTooShortException(key.key(), leaseTime, config.minRunTime());
    }
    return new AcquireRequest(
        key.key(), Leases.next(), key.validation(), now, leaseTime, config.expiry());
  }

  /**
   * Sends the acquisition. When the store fails, the write may still have landed with its answer
   * lost: a conditional release with the request's own lease frees the key again, best effort.
   */
  private AcquireResult acquire(AcquireRequest request) {
    try {
      return store.acquire(request);
    } catch (StoreException e) {
      settlement.releaseOnce(request.key(), request.lease(), e);
      throw e;
    }
  }

  /** The record that holds the key against this request, or {@code null} when the call holds it. */
  private static IdempotencyRecord holder(AcquireResult result, AcquireRequest request) {
    if (!(result instanceof AcquireResult.Existing existing)) {
      return null;
    }
    IdempotencyRecord found = existing.record();
    return isOwn(found, request) ? null : found;
  }

  /**
   * True when the record found is the one this call wrote: a client retried a conditional write
   * whose first attempt landed but whose answer was lost, and the retry found the first attempt's
   * record. No other holder can carry this call's fresh lease, so the key is held.
   */
  private static boolean isOwn(IdempotencyRecord found, AcquireRequest request) {
    return found.status() == RecordStatus.INPROGRESS && request.lease().equals(found.lease());
  }

  /**
   * The lease just acquired, checked to be live: an answer that came late may leave too little of
   * it for the work, which must never start without one. Then the key is released and the call
   * fails, retryable.
   */
  private HeldLease hold(AcquireRequest request, Deadline deadline) {
    HeldLease held = new HeldLease(request, deadline);
    Duration left = held.left(clock.instant());
    if (left.compareTo(config.minRunTime()) < 0) {
      LeaseTooShortException tooShort =
          new LeaseTooShortException(request.key(), left, config.minRunTime());
      settlement.releaseOnce(request.key(), request.lease(), tooShort);
      throw tooShort;
    }
    listener.onMiss(request.key());
    return held;
  }

  private void reportWait(CallKey key, Instant waitStart) {
    if (waitStart != null) {
      listener.onWait(key.key(), Duration.between(waitStart, clock.instant()));
    }
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

  private <T, E extends Exception> T run(HeldLease held, Work<T, E> work) throws E {
    renewals.watch(held);
    T result;
    try {
      result = work.run();
    } catch (Exception e) {
      renewals.stop(held);
      settleFailure(held, e);
      throw e;
    } finally {
      renewals.stop(held);
    }
    byte[] data = encode(held, result);
    Completion completion = settlement.completion(held, RecordStatus.COMPLETED, data);
    WriteOutcome outcome;
    try {
      outcome = settlement.complete(held, completion);
    } catch (StoreException failed) {
      // The work has run: throwing would make the caller retry an effect that already happened.
      listener.onCompletionFailed(held.key(), failed);
      LOG.warn(
          "the result for key {} could not be stored; the record stays in progress until {}",
          held.key(),
          held.end(),
          failed);
      return result;
    }
    if (outcome == WriteOutcome.LEASE_LOST) {
      return leaseLost(held, result);
    }
    remember(held, completion);
    return result;
  }

  /** The work ran but another execution owns the key: the result is not the one recorded. */
  private <T> T leaseLost(HeldLease held, T result) {
    listener.onLeaseLost(held.key());
    LOG.warn(
        "lease lost on key {}: another execution took it over; this execution's result is not"
            + " recorded",
        held.key());
    if (config.leaseLostPolicy() == LeaseLostPolicy.RETURN_RESULT) {
      return result;
    }
    throw new LeaseLostException(held.key(), result, false);
  }

  /** The result as stored data; on a codec error or an oversized result the key is released. */
  private byte[] encode(HeldLease held, Object result) {
    byte[] data;
    try {
      data = config.encoding().encode(result, held.key());
    } catch (ResultCodecException e) {
      settlement.releaseAfter(held, e);
      throw e;
    }
    if (data.length > config.maxResultBytes()) {
      ResultTooLargeException tooLarge =
          new ResultTooLargeException(held.key(), data.length, config.maxResultBytes());
      settlement.releaseAfter(held, tooLarge);
      throw tooLarge;
    }
    return data;
  }

  private void remember(HeldLease held, Completion completion) {
    if (cache != null) {
      cache.put(
          new IdempotencyRecord(
              held.key(),
              completion.status(),
              completion.expiresAt(completion.now()),
              held.end(),
              held.validation(),
              completion.data(),
              held.lease()));
    }
  }

  /**
   * The work threw: store a permanent failure, or release the key. Never replaces {@code e}. A
   * failure that cannot be stored (too large, unencodable, the store down) releases the key
   * instead, so nothing is left in progress.
   */
  private void settleFailure(HeldLease held, Exception e) {
    if (!isPermanent(e)) {
      settlement.releaseAfter(held, e);
      return;
    }
    byte[] data;
    try {
      data = config.encoding().encodeFailure(e, held.key());
    } catch (IdempotencyException encodeFailure) {
      e.addSuppressed(encodeFailure);
      settlement.releaseAfter(held, e);
      return;
    }
    if (data.length > config.maxResultBytes()) {
      e.addSuppressed(
          new ResultTooLargeException(held.key(), data.length, config.maxResultBytes()));
      settlement.releaseAfter(held, e);
      return;
    }
    Completion completion = settlement.completion(held, RecordStatus.FAILED, data);
    try {
      if (settlement.complete(held, completion) == WriteOutcome.LEASE_LOST) {
        listener.onLeaseLost(held.key());
      } else {
        remember(held, completion);
      }
    } catch (StoreException failed) {
      e.addSuppressed(failed);
      settlement.releaseAfter(held, e);
    }
  }

  /**
   * Asks the user's predicate; if it throws, the failure is treated as transient (the key is
   * released) and the predicate's error is attached to {@code e} rather than replacing it.
   */
  private boolean isPermanent(Exception e) {
    try {
      return config.permanentFailures().test(e);
    } catch (RuntimeException predicateFailure) {
      e.addSuppressed(predicateFailure);
      return false;
    }
  }

  private void checkPayload(CallKey key, IdempotencyRecord found) {
    if (key.validation() != null
        && found.validation() != null
        && !key.validation().equals(found.validation())) {
      throw new PayloadMismatchException(key.key());
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
   * @param input an input as a call would receive it
   * @return the full key, {@code prefix#digest}
   * @throws MissingKeyException when the input holds no key, whatever the missing-key policy
   */
  public String keyOf(Object input) {
    JsonNode value = config.keySelector().select(input);
    if (Selector.isMissing(value)) {
      throw new MissingKeyException(config.keySelector().description());
    }
    return fullKey(value);
  }

  private String fullKey(JsonNode value) {
    return config.keyPrefix() + "#" + config.hasher().hash(value);
  }

  private record CallKey(String key, String validation) {}

  /** One transactional run: the work and its completion in one transaction of the store. */
  private final class TransactionalRun<C> {
    private final TransactionalStore<C> transactional;
    private final C joined;
    private final HeldLease held;

    TransactionalRun(TransactionalStore<C> transactional, C joined, HeldLease held) {
      this.transactional = transactional;
      this.joined = joined;
      this.held = held;
    }

    <T, E extends Exception> T run(TransactionalWork<C, T, E> work) throws E {
      StoreTransaction<C> tx = open();
      renewals.watch(held);
      try (tx) {
        T result;
        try {
          result = work.run(tx.handle());
        } catch (Exception e) {
          renewals.stop(held);
          tx.rollback();
          settleFailure(held, e);
          throw e;
        }
        Completion completion = completeInside(tx, encodeInside(tx, result));
        renewals.stop(held);
        commit(tx);
        if (joined == null) {
          remember(held, completion);
        }
        return result;
      } finally {
        renewals.stop(held);
      }
    }

    private StoreTransaction<C> open() {
      try {
        return joined == null ? transactional.begin() : transactional.join(joined);
      } catch (RuntimeException e) {
        settlement.releaseAfter(held, e);
        throw e;
      }
    }

    private byte[] encodeInside(StoreTransaction<C> tx, Object result) {
      try {
        return encode(held, result);
      } catch (IdempotencyException e) {
        tx.rollback(); // the key is released already
        throw e;
      }
    }

    /** The completion, inside the transaction; refused or failed, the effect is rolled back. */
    private Completion completeInside(StoreTransaction<C> tx, byte[] data) {
      Completion completion = settlement.completion(held, RecordStatus.COMPLETED, data);
      WriteOutcome outcome;
      try {
        outcome = store.complete(transactional, tx.handle(), completion);
      } catch (StoreException e) {
        tx.rollback();
        settlement.releaseAfter(held, e);
        throw e;
      }
      if (outcome == WriteOutcome.LEASE_LOST) {
        tx.rollback();
        listener.onLeaseLost(held.key());
        throw new LeaseLostException(held.key(), null, true);
      }
      return completion;
    }

    private void commit(StoreTransaction<C> tx) {
      try {
        tx.commit();
      } catch (CommitOutcomeUnknownException e) {
        throw e; // never release: the key may hold the committed record
      } catch (StoreException e) {
        settlement.releaseAfter(held, e); // surely not committed: the key is free again
        throw e;
      }
    }

    /** A call without a key, under the missing-key policy that runs it: no record at all. */
    static <C, T, E extends Exception> T unprotected(
        TransactionalStore<C> transactional, C joined, TransactionalWork<C, T, E> work) throws E {
      try (StoreTransaction<C> tx =
          joined == null ? transactional.begin() : transactional.join(joined)) {
        T result;
        try {
          result = work.run(tx.handle());
        } catch (Exception e) {
          tx.rollback();
          throw e;
        }
        tx.commit();
        return result;
      }
    }
  }
}
