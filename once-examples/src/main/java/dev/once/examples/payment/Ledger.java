package dev.once.examples.payment;

/**
 * Where charges land: the side effect that must happen once per order. Implementations are
 * thread-safe.
 */
public interface Ledger {

  /** Records a charge for {@code order} and returns its new, unique charge id. */
  String charge(Order order);
}
