package dev.once.examples.payment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A ledger in memory that counts charges per order, for tests and {@code once simulate}. */
public final class InMemoryLedger implements Ledger {

  private final ConcurrentHashMap<String, AtomicInteger> chargesPerOrder =
      new ConcurrentHashMap<>();
  private final AtomicLong nextCharge = new AtomicLong();

  @Override
  public String charge(Order order) {
    chargesPerOrder.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
    return "ch_" + nextCharge.incrementAndGet();
  }

  /** How many times {@code orderId} was charged. */
  public int charges(String orderId) {
    AtomicInteger count = chargesPerOrder.get(orderId);
    return count == null ? 0 : count.get();
  }

  /** Charges per order, a snapshot. */
  public Map<String, Integer> chargesPerOrder() {
    Map<String, Integer> snapshot = new java.util.TreeMap<>();
    chargesPerOrder.forEach((id, count) -> snapshot.put(id, count.get()));
    return snapshot;
  }

  /** All charges made. */
  public long totalCharges() {
    return nextCharge.get();
  }
}
