package dev.once.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.once.IdempotencyListener;
import dev.once.InProgressException;
import dev.once.InProgressPolicy;
import dev.once.MissingKeyException;
import dev.once.MissingKeyPolicy;
import dev.once.PayloadMismatchException;
import dev.once.ResultCodecException;
import dev.once.ResultTooLargeException;
import dev.once.ResultType;
import dev.once.StoreException;
import dev.once.Work;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of DESIGN.md: acquire, run, complete; replay a completed key; fail fast or wait
 * on a key in progress; release on error. Immutable and thread-safe.
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

  public Engine(EngineConfig config) {
    this.config = config;
    this.listener = config.listener() == null ? SILENT : new SafeListener(config.listener());
    this.store = new TimedStore(config.store(), listener);
    this.clock = config.clock();
    this.cache =
        config.localCacheSize() > 0 ? new LocalCache(config.localCacheSize(), clock) : null;
    this.waiting = new Waiting(store, listener, clock, config.sleeper());
  }

  /**
   * Runs {@code work} once per key; see {@code Idempotency#call}.
   *
   * @param remaining the time left before the caller's own deadline, or {@code null} for the
   *     configured maximum run time
   */
  public <T, E extends Exception> T call(
      Object input, ResultType<T> type, Duration remaining, Work<T, E> work) throws E {
    Instant start = clock.instant();
    CallKey key = callKey(input);
    if (key == null) {
      listener.onMissingKey();
      return work.run();
    }
    if (cache != null) {
      IdempotencyRecord cached = cache.get(key.key(), start);
      if (cached != null) {
        listener.onHit(key.key(), cached.status());
        checkPayload(key, cached);
        return finished(cached, type, true);
      }
    }
    Duration budget = remaining == null ? config.maxRunTime() : remaining;
    Instant deadline = start.plus(budget).truncatedTo(ChronoUnit.MILLIS);
    return acquireAndRun(key, type, start, deadline, work);
  }

  private <T, E extends Exception> T acquireAndRun(
      CallKey key, ResultType<T> type, Instant start, Instant deadline, Work<T, E> work) throws E {
    Instant waitStart = null;
    Instant now = start;
    while (true) {
      IdempotencyRecord mine =
          IdempotencyRecord.inProgress(
              key.key(), expiresAt(now, deadline), deadline, key.validation(), Leases.next());
      AcquireResult result = store.acquire(mine, now);
      if (result instanceof AcquireResult.Existing existing && !isOwn(existing.record(), mine)) {
        IdempotencyRecord found = existing.record();
        listener.onHit(key.key(), found.status());
        checkPayload(key, found);
        if (found.status() == RecordStatus.INPROGRESS) {
          if (config.inProgressPolicy() == InProgressPolicy.FAIL_FAST) {
            listener.onInProgress(key.key());
            throw new InProgressException(key.key(), found.inProgressExpiresAt());
          }
          waitStart = waitStart == null ? now : waitStart;
          found = waiting.untilSettled(found, deadline, waitStart);
          if (found == null) {
            now = clock.instant();
            continue; // released or expired: take it over
          }
          checkPayload(key, found);
        }
        reportWait(key, waitStart);
        return finished(found, type, false);
      }
      reportWait(key, waitStart);
      listener.onMiss(key.key());
      return runAndComplete(mine, type, work);
    }
  }

  /**
   * True when the record found is the one this call wrote: a client retried a conditional write
   * whose first attempt landed but whose answer was lost, and the retry found the first attempt's
   * record. No other holder can carry this call's fresh lease, so the key is held.
   */
  private static boolean isOwn(IdempotencyRecord found, IdempotencyRecord mine) {
    return found.status() == RecordStatus.INPROGRESS && mine.lease().equals(found.lease());
  }

  private void reportWait(CallKey key, Instant waitStart) {
    if (waitStart != null) {
      listener.onWait(key.key(), Duration.between(waitStart, clock.instant()));
    }
  }

  /** Replays a completed record, or rethrows a stored permanent failure. */
  private <T> T finished(IdempotencyRecord record, ResultType<T> type, boolean fromCache) {
    if (cache != null && !fromCache) {
      cache.put(record);
    }
    if (record.status() == RecordStatus.FAILED) {
      throw config.encoding().decodeFailure(record.data(), record.key());
    }
    T result = config.encoding().decode(record.data(), type, record.key());
    listener.onReplay(record.key(), fromCache);
    return result;
  }

  private <T, E extends Exception> T runAndComplete(
      IdempotencyRecord mine, ResultType<T> type, Work<T, E> work) throws E {
    T result;
    try {
      result = work.run();
    } catch (Exception e) {
      settleFailure(mine, e);
      throw e;
    }
    byte[] data;
    try {
      data = config.encoding().encode(result, mine.key());
    } catch (ResultCodecException e) {
      releaseAfter(mine, e);
      throw e;
    }
    if (data.length > config.maxResultBytes()) {
      ResultTooLargeException tooLarge =
          new ResultTooLargeException(mine.key(), data.length, config.maxResultBytes());
      releaseAfter(mine, tooLarge);
      throw tooLarge;
    }
    StoreException failed = completeWithRetry(mine, RecordStatus.COMPLETED, data);
    if (failed != null) {
      listener.onCompletionFailed(mine.key(), failed);
      LOG.warn(
          "the result for key {} could not be stored; the record stays in progress until {}",
          mine.key(),
          mine.inProgressExpiresAt(),
          failed);
    }
    return result;
  }

  /** The work threw: store a permanent failure, or release the key. Never replaces {@code e}. */
  private void settleFailure(IdempotencyRecord mine, Exception e) {
    if (isPermanent(e)) {
      StoreException failed =
          completeWithRetry(mine, RecordStatus.FAILED, config.encoding().encodeFailure(e));
      if (failed != null) {
        e.addSuppressed(failed);
      }
      return;
    }
    releaseAfter(mine, e);
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

  /** Releases the key after {@code cause}; a failed release is attached to it, never thrown. */
  private void releaseAfter(IdempotencyRecord mine, Exception cause) {
    try {
      if (store.release(mine.key(), mine.lease()) == WriteOutcome.LEASE_LOST) {
        listener.onLeaseLost(mine.key());
      }
    } catch (StoreException releaseFailure) {
      cause.addSuppressed(releaseFailure);
    }
  }

  /**
   * Completes the record, retrying transient store errors with backoff while the lease lasts.
   *
   * @return {@code null} when done (or the lease was lost), else the last store error
   */
  private StoreException completeWithRetry(
      IdempotencyRecord mine, RecordStatus status, byte[] data) {
    Instant expiresAt = upToSecond(clock.instant().plus(config.expiry()));
    Backoff backoff = Backoff.forCompletion();
    while (true) {
      try {
        WriteOutcome outcome = store.complete(mine.key(), mine.lease(), status, data, expiresAt);
        if (outcome == WriteOutcome.LEASE_LOST) {
          listener.onLeaseLost(mine.key());
          LOG.warn("lease lost on key {}: another execution took it over", mine.key());
        } else if (cache != null) {
          cache.put(mine.completed(status, data, expiresAt));
        }
        return null;
      } catch (StoreException e) {
        Duration pause = backoff.next();
        if (pause == null || !clock.instant().plus(pause).isBefore(mine.inProgressExpiresAt())) {
          return e;
        }
        if (!waiting.pause(pause)) {
          return e;
        }
      }
    }
  }

  private void checkPayload(CallKey key, IdempotencyRecord found) {
    if (key.validation() != null
        && found.validation() != null
        && !key.validation().equals(found.validation())) {
      throw new PayloadMismatchException(key.key());
    }
  }

  /**
   * The in-progress record's expiry: the expiry window, but never before the lease ends. Stores
   * keep it to the second, so the floor is the deadline plus a second before truncation; otherwise
   * a record could expire (and be taken over) while its holder's lease still runs.
   */
  private Instant expiresAt(Instant now, Instant deadline) {
    Instant expiry = now.plus(config.expiry());
    Instant floor = deadline.plusSeconds(1);
    return (expiry.isAfter(floor) ? upToSecond(expiry) : floor.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Stores keep expiry to the second; rounding up keeps a record for at least its window (a
   * sub-second window rounded down could expire the record before it is even written).
   */
  private static Instant upToSecond(Instant instant) {
    Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
    return whole.equals(instant) ? whole : whole.plusSeconds(1);
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
}
