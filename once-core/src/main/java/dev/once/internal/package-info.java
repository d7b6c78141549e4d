/**
 * The engine and its helpers: the claim / run / settle state machine of DESIGN.md ({@code Engine}),
 * leases and their renewal, key hashing and JMESPath selection, result encoding and the local
 * cache. Start with {@code Engine}.
 *
 * <p>Not an API: nothing here is stable, and the module exports this package only to Once's own
 * modules that still need it. Unless a class says otherwise, its instances are immutable and
 * thread-safe; the engine is shared by every call of one {@code Idempotency}.
 */
package dev.once.internal;
