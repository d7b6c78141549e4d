package dev.once.cli;

import dev.once.ResultType;

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
}
