package dev.once.lambda;

import dev.once.Idempotency;
import dev.once.spi.IdempotencyStore;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart priming ({@code ONCE_SNAPSTART_PRIMING=true}): before Lambda takes the snapshot of an
 * initialised function, one idempotent call runs through the engine, the codec and the store's
 * client against the real table, so the classes, the SDK's marshallers and credentials, and the
 * code they run are in the snapshot and a restored function's first invocation is warm.
 *
 * <p>The call is a first run (acquire, encode, complete), then its duplicate (acquire refused, the
 * stored result decoded and replayed), then a purge of the record: four round trips, nothing left
 * in the table. Its key cannot collide with a function's own keys: its prefix names the operation
 * {@value #OPERATION}, its value is a fresh random id, and its record expires within {@link
 * #EXPIRY} should the process die before the purge.
 *
 * <p>A failed priming never fails the snapshot: {@link #beforeCheckpoint} reports it as a warning
 * and the function starts as it would without priming. Registered with CRaC's global context by
 * {@link LambdaIdempotency.Builder#build()}; where the JVM has no CRaC (outside Lambda SnapStart),
 * {@code org.crac} keeps it and never calls it. Thread-safe.
 */
final class SnapStartPriming implements Resource {

  /** The operation name in the priming key's prefix. */
  static final String OPERATION = "once-snapstart-priming";

  /** The field of the priming input that holds its key. */
  static final String KEY_PATH = "primingId";

  /** How long a priming record would last if the purge never ran. */
  static final Duration EXPIRY = Duration.ofMinutes(5);

  /** The time the priming call claims, as a Lambda invocation's remaining time would. */
  private static final Duration REMAINING_TIME = Duration.ofSeconds(30);

  private static final StoredResponse RESPONSE =
      new StoredResponse(
          200,
          null,
          Map.of("content-type", "application/json"),
          null,
          null,
          "{\"primed\":true}",
          false);

  private final Supplier<Idempotency> engine;
  private final IdempotencyStore store;
  private final Diagnostics diagnostics;

  /**
   * @param engine builds the priming engine, on first use only (never where CRaC is absent)
   * @param store the store the engine writes to, to purge the priming record
   * @param diagnostics where a failed priming is reported
   */
  SnapStartPriming(Supplier<Idempotency> engine, IdempotencyStore store, Diagnostics diagnostics) {
    this.engine = engine;
    this.store = store;
    this.diagnostics = diagnostics;
  }

  /** Primes; a failure is reported as a warning, and the snapshot is taken anyway. */
  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    try {
      prime();
    } catch (RuntimeException e) {
      diagnostics.warn(
          "SnapStart priming failed; the snapshot is taken unprimed and the first invocation"
              + " after a restore loads what priming would have",
          e);
    }
  }

  /** Nothing to do: the priming record is gone, and the SDK reconnects on its own. */
  @Override
  public void afterRestore(Context<? extends Resource> context) {}

  /**
   * Runs the priming call, its duplicate and the purge.
   *
   * @throws dev.once.IdempotencyException when the store or codec fails (the purge is still tried,
   *     and its own failure is attached as suppressed)
   * @throws IllegalStateException when the duplicate ran its work instead of replaying
   */
  void prime() {
    Idempotency once = engine.get();
    Map<String, String> input = Map.of(KEY_PATH, "priming-" + UUID.randomUUID());
    String key = once.keyOf(input);
    try {
      once.call(input, StoredResponse.class, REMAINING_TIME, () -> RESPONSE);
      once.call(input, StoredResponse.class, REMAINING_TIME, SnapStartPriming::neverRuns);
    } catch (RuntimeException e) {
      try {
        store.purge(key);
      } catch (RuntimeException purgeFailure) {
        e.addSuppressed(purgeFailure);
      }
      throw e;
    }
    store.purge(key);
  }

  private static StoredResponse neverRuns() {
    throw new IllegalStateException("the priming call's duplicate ran its work");
  }
}
