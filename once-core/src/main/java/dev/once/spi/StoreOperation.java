package dev.once.spi;

/** The store operations, as the engine names them when it reports latency. */
public enum StoreOperation {
  /** {@link IdempotencyStore#acquire}: the conditional write of an in-progress record. */
  ACQUIRE,
  /** {@link IdempotencyStore#complete}: the final state, written under the lease. */
  COMPLETE,
  /** {@link IdempotencyStore#extend}: a lease renewal of long work. */
  EXTEND,
  /** {@link IdempotencyStore#release}: the delete after a failure that is not stored. */
  RELEASE,
  /** {@link IdempotencyStore#find}: a consistent read of one key. */
  FIND,
  /** {@link IdempotencyStore#purge}: an operator's unconditional delete. */
  PURGE,
  /** {@link IdempotencyStore#list}: a tool's scan by status. */
  LIST
}
