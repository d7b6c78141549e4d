/**
 * The store SPI: what a store implements so the engine can claim, finish and read keys. Read {@link
 * dev.once.spi.IdempotencyStore} first, then {@link dev.once.spi.TransactionalStore} for stores
 * that commit the record in the caller's own transaction.
 *
 * <p>A store is called from many threads at once and must be thread-safe; the request and record
 * types here are immutable values. The shared contract suite in {@code once-testkit} checks an
 * implementation. A store's builder may use {@link dev.once.spi.Require} to check its settings and
 * {@link dev.once.spi.Settings} to keep them for an immutable config; {@link
 * dev.once.spi.ResultCodec} is the codec SPI, with Jackson's default behind its factories. A stable
 * API, changed only by a release that says so.
 */
package dev.once.spi;
