package dev.once;

import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the work under a held lease and settles the key by what happened: the result completes the
 * record; a permanent failure is stored; any other exception releases the key; a lost lease is
 * reported. The user's exception is always rethrown unchanged. Immutable and thread-safe.
 */
final class Execution {

  // The engine's log, under the name it always had.
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final EngineConfig config;
  private final IdempotencyListener listener;
  private final LocalCache cache;
  private final Settlement settlement;
  private final LeaseRenewals renewals;

  Execution(
      EngineConfig config,
      IdempotencyListener listener,
      LocalCache cache,
      Settlement settlement,
      LeaseRenewals renewals) {
    this.config = config;
    this.listener = listener;
    this.cache = cache;
    this.settlement = settlement;
    this.renewals = renewals;
  }

  /** Runs {@code work} with its lease renewed as needed, then completes or settles the key. */
  <T, E extends Exception> T run(HeldLease held, Work<T, E> work) throws E {
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
  byte[] encode(HeldLease held, Object result) {
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

  /** Keeps a completion just written in the local cache, when there is one. */
  void remember(HeldLease held, Completion completion) {
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
  void settleFailure(HeldLease held, Exception e) {
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
}
