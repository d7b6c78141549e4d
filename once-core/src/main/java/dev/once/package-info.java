/**
 * Once's API: what a caller uses to make work idempotent. Start with {@link dev.once.Idempotency}
 * (built once per operation from a store, then {@code call} per request) and {@link
 * dev.once.IdempotencyConfig}, its readable settings; {@link dev.once.InMemoryStore} is the store
 * for tests and single-process use.
 *
 * <p>The engine that runs a call ({@code Engine}, {@code Claims}, {@code Execution}, {@code
 * TransactionalRun} and their helpers) lives here too, package-private beside the builder that
 * checks its settings: nothing outside this package can construct it or skip those checks.
 *
 * <p>Built objects are immutable and thread-safe; builders are not, and validate each setting as it
 * is made. Every failure Once throws is an {@link dev.once.IdempotencyException}. This package is a
 * stable, semantically versioned API.
 */
package dev.once;
