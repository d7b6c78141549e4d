package dev.once;

import dev.once.spi.IdempotencyRecord;

/** How a call's claim on its key ended: it holds the key, or the key holds a finished outcome. */
sealed interface Claim {

  /** The call holds the key and runs the work. */
  record Held(HeldLease lease) implements Claim {}

  /**
   * The key holds a completed result or a stored failure, to replay.
   *
   * @param fromCache true when the record came from the local cache
   */
  record Finished(IdempotencyRecord record, boolean fromCache) implements Claim {}
}
