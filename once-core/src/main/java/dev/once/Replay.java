package dev.once;

import java.time.Instant;

/**
 * The facts of a replayed record, handed to a {@link ReplayHook}.
 *
 * @param key the full key, {@code prefix#digest}
 * @param storedAt when the result was stored, to the second: the record's expiry minus the
 *     configured expiry (records carry no completion time of their own, so a record written under
 *     another expiry setting gives a shifted value)
 * @param expiresAt when the record expires and the key runs again
 * @param fromLocalCache true when read from this instance's local cache, false from the store
 */
public record Replay(String key, Instant storedAt, Instant expiresAt, boolean fromLocalCache) {}
