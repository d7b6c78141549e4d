package dev.once;

import dev.once.spi.Completion;
import dev.once.spi.RecordStatus;
import dev.once.spi.StoreTransaction;
import dev.once.spi.TransactionalStore;
import dev.once.spi.WriteOutcome;

/**
 * One transactional run under a held lease: the work writes its effect through a transaction of the
 * store, the completed record is written through the same transaction, and both commit together
 * (DESIGN.md, transactional mode). Used once, by one thread.
 *
 * @param <C> the store's transaction handle
 */
final class TransactionalRun<C> {

  private final TransactionalStore<C> transactional;
  private final C joined;
  private final HeldLease held;
  private final TimedStore store;
  private final IdempotencyListener listener;
  private final Settlement settlement;
  private final LeaseRenewals renewals;
  private final Execution execution;

  TransactionalRun(
      TransactionalStore<C> transactional,
      C joined,
      HeldLease held,
      TimedStore store,
      IdempotencyListener listener,
      Settlement settlement,
      LeaseRenewals renewals,
      Execution execution) {
    this.transactional = transactional;
    this.joined = joined;
    this.held = held;
    this.store = store;
    this.listener = listener;
    this.settlement = settlement;
    this.renewals = renewals;
    this.execution = execution;
  }

  /** Runs {@code work} in the transaction and commits its effect with the completed record. */
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
        execution.settleFailure(held, e);
        throw e;
      }
      Completion completion = completeInside(tx, encodeInside(tx, result));
      renewals.stop(held);
      commit(tx);
      if (joined == null) {
        execution.remember(held, completion);
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
      return execution.encode(held, result);
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
