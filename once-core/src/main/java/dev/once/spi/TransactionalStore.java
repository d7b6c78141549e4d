package dev.once.spi;

import dev.once.StoreException;

/**
 * A store that can write a completion inside a transaction that also holds the work's own effect,
 * so that the effect and the {@link RecordStatus#COMPLETED} record commit together or not at all: a
 * crash between the two can no longer leave an effect without its record.
 *
 * <p>The acquisition stays a short, separate write (so concurrent duplicates see the key in
 * progress at once); only the completion joins the transaction.
 *
 * @param <C> the transaction handle the work writes through, e.g. {@code java.sql.Connection}
 */
public interface TransactionalStore<C> extends IdempotencyStore {

  /**
   * The type of the transaction handle, checked when a call passes one.
   *
   * @return the class of {@code C}
   */
  Class<C> transactionType();

  /**
   * Opens a new transaction of the store's own (a connection from its data source, out of
   * auto-commit).
   *
   * @return a new transaction that the caller commits or rolls back, and then closes
   * @throws StoreException when no transaction can be opened
   */
  StoreTransaction<C> begin();

  /**
   * Wraps a transaction the caller already holds and manages: {@link StoreTransaction#commit()},
   * {@link StoreTransaction#rollback()} and {@link StoreTransaction#close()} leave it alone.
   *
   * @param transaction the caller's open handle; its owner commits and closes it
   * @return a view of {@code transaction} whose commit, rollback and close do nothing
   */
  StoreTransaction<C> join(C transaction);

  /**
   * As {@link #complete(Completion)}, written through {@code transaction}: it takes effect when the
   * transaction commits, and vanishes with it on rollback.
   *
   * @param transaction the open handle that also holds the work's effect
   * @param completion the key, the lease it must still carry, and the final state to write
   * @return {@link WriteOutcome#WRITTEN}, or {@link WriteOutcome#LEASE_LOST} when another holder
   *     took the key over or the record is gone (the caller then rolls back)
   * @throws StoreException when the store cannot answer
   */
  WriteOutcome complete(C transaction, Completion completion);
}
