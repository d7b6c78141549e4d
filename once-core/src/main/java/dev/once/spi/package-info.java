/**
 * The store SPI: what a store implements so the engine can claim, finish and read keys. Read {@link
 * dev.once.spi.IdempotencyStore} first, then {@link dev.once.spi.TransactionalStore} for stores
 * that commit the record in the caller's own transaction.
 *
 * <p>A store is called from many threads at once and must be thread-safe; the request and record
 * types here are immutable values. The shared contract suite in {@code once-testkit} checks an
 * implementation. A stable API, changed only by a release that says so.
 */
package dev.once.spi;
