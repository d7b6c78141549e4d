package dev.once;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Claims a call's key as DESIGN.md's state table reads: each attempt sends one acquisition and its
 * answer leads to one outcome — the key was free: run; finished: replay; in progress: fail fast, or
 * wait until it is finished (replay) or free again (take it over with the next attempt). A record
 * in the local cache replays without an attempt. Immutable and thread-safe.
 */
final class Claims {

  private final EngineConfig config;
  private final TimedStore store;
  private final IdempotencyListener listener;
  private final Clock clock;
  private final LocalCache cache;
  private final Waiting waiting;
  private final Settlement settlement;

  Claims(
      EngineConfig config,
      TimedStore store,
      IdempotencyListener listener,
      LocalCache cache,
      Waiting waiting,
      Settlement settlement) {
    this.config = config;
    this.store = store;
    this.listener = listener;
    this.clock = config.clock();
    this.cache = cache;
    this.waiting = waiting;
    this.settlement = settlement;
  }

  /** The call's claim: it holds the key, or the key holds a finished outcome to replay. */
  Claim claim(CallKey key, Deadline deadline) {
    IdempotencyRecord cached = cached(key, deadline.start());
    if (cached != null) {
      return new Claim.Finished(cached, true);
    }
    WaitTime waited = new WaitTime();
    Claim claim;
    do {
      claim = attempt(key, deadline, waited);
    } while (claim == null);
    return claim;
  }

  /**
   * One acquisition and the one outcome its answer leads to: run, replay, wait, or {@code null}
   * when the wait saw the key come free: take it over with the next attempt.
   */
  private Claim attempt(CallKey key, Deadline deadline, WaitTime waited) {
    Instant now = clock.instant();
    AcquireRequest request = request(key, deadline, now);
    IdempotencyRecord found = holder(acquire(request), request);
    if (found == null) {
      waited.report(key);
      return new Claim.Held(hold(request, deadline));
    }
    listener.onHit(key.key(), found.status());
    checkPayload(key, found);
    if (found.status() != RecordStatus.INPROGRESS) {
      waited.report(key);
      return new Claim.Finished(found, false);
    }
    if (config.inProgressPolicy() == InProgressPolicy.FAIL_FAST) {
      listener.onInProgress(key.key());
      throw new InProgressException(key.key(), found.inProgressExpiresAt());
    }
    return waitFor(key, found, deadline, now, waited);
  }

  /**
   * Waits on a key in progress: its finished outcome to replay, or {@code null} once it is free.
   */
  private Claim waitFor(
      CallKey key, IdempotencyRecord inProgress, Deadline deadline, Instant sent, WaitTime waited) {
    Instant waitStart = waited.startAt(sent);
    Duration acquireTook = Duration.between(sent, clock.instant());
    IdempotencyRecord settled =
        waiting.untilSettled(inProgress, deadline.waitUntil(), waitStart, acquireTook);
    if (settled == null) {
      return null;
    }
    checkPayload(key, settled);
    waited.report(key);
    return new Claim.Finished(settled, false);
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

  private void checkPayload(CallKey key, IdempotencyRecord found) {
    if (key.validation() != null
        && found.validation() != null
        && !key.validation().equals(found.validation())) {
      throw new PayloadMismatchException(key.key());
    }
  }

  /** When this call began to wait on its key, if it did; the wait is reported once it ends. */
  private final class WaitTime {
    private Instant start;

    Instant startAt(Instant now) {
      if (start == null) {
        start = now;
      }
      return start;
    }

    void report(CallKey key) {
      if (start != null) {
        listener.onWait(key.key(), Duration.between(start, clock.instant()));
      }
    }
  }
}
