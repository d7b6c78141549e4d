/**
 * Test support for stores and for code built on Once. A store's tests extend {@link
 * dev.once.testkit.IdempotencyStoreContract} (example-based rows) and {@link
 * dev.once.testkit.IdempotencyStoreProperties} (random interleavings); {@link
 * dev.once.testkit.FakeClock}, {@link dev.once.testkit.ForwardingStore} and {@link
 * dev.once.testkit.RecordingListener} are the shared test doubles.
 *
 * <p>The doubles are thread-safe, since the contract drives a store from many threads; a fake clock
 * moves only when a test moves it. For tests only: the classes evolve with the contract.
 */
package dev.once.testkit;
