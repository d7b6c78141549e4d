package dev.once.cli;

import dev.once.Idempotency;
import dev.once.ResultType;
import dev.once.spi.IdempotencyStore;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the simulator delivers and how it observes the side effects: the example payment function,
 * or a user's handler. Implementations are thread-safe.
 */
interface Workload {

  /** The number of unique units (orders, events): each must have its effect once. */
  int units();

  /** The input of {@code unit}, as delivered: the idempotency key is taken from it. */
  Object input(int unit);

  /** The key path for {@code Idempotency.Builder#keyPath}, or {@code null} for the whole input. */
  String keyPath();

  /** The result type results are stored and replayed as. */
  ResultType<?> resultType();

  /**
   * Runs the work for {@code unit}, calling {@code invocation}'s hooks around the side effect.
   *
   * @throws SimulatedFailure, Killed as the invocation's fault says
   */
  Object execute(int unit, Invocation invocation);

  /** How often the side effect of {@code unit} happened. */
  int effects(int unit);

  /** What must be equal between the first result and every replay of a unit. */
  Object fingerprint(Object result);

  /** The name of a unit, plural: "orders", "events". */
  String unitsName();

  /** The name of an effect, plural: "charges", "handler invocations". */
  String effectsName();

  /**
   * For a workload with an idempotent front end of its own (the HTTP example): the run's store, key
   * prefix and engine settings, before the first delivery.
   */
  default void connect(
      IdempotencyStore store, String keyPrefix, Consumer<Idempotency.Builder> settings) {}

  /**
   * Delivers {@code unit} through the workload's own front end and returns its result, or {@code
   * null} to have the simulator call its engine on {@link #input} with {@link #execute}.
   *
   * @param executed to run each time the work itself runs
   */
  default Object deliver(int unit, Invocation invocation, Runnable executed) {
    return null;
  }

  /** Whether {@code unit} must have its effect (false for a request that must be refused). */
  default boolean expectsEffect(int unit) {
    return true;
  }

  /**
   * True when the work's effect commits together with its record (the transactional payment), so a
   * crash between the two cannot repeat the effect: every extra effect then counts as a duplicate,
   * none is excused as the crash window.
   */
  default boolean closesCrashWindow() {
    return false;
  }

  /** How many answers had each status, for a workload that answers with one. */
  default Map<Integer, Long> statusCounts() {
    return Map.of();
  }

  /** Refused requests that were not refused cleanly (a 4xx, no effect, nothing stored). */
  default long clientErrorViolations() {
    return 0;
  }
}
