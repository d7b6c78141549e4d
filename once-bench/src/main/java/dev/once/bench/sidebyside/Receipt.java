package dev.once.bench.sidebyside;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmarked handler returns for an order: the same work on both sides.
 *
 * @param orderId the order charged
 * @param amountCents the amount charged
 * @param chargeId the charge's id, derived from the order
 */
public record Receipt(String orderId, long amountCents, String chargeId) {

  /**
   * The handler's work: a receipt for the event's order. No I/O, so that the benchmark weighs the
   * idempotency layer and not the work.
   *
   * @param event the order event ({@code orderId}, {@code amountCents})
   * @return the receipt
   */
  public static Receipt charge(Map<String, Object> event) {
    String orderId = (String) event.get("orderId");
    long amount = ((Number) event.get("amountCents")).longValue();
    return new Receipt(orderId, amount, "ch-" + orderId);
  }

  /**
   * The event the benchmark sends for {@code orderId}.
   *
   * @param orderId the order, which is the idempotency key
   * @return a mutable map, as a JSON object would be read
   */
  public static Map<String, Object> event(String orderId) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("orderId", orderId);
    event.put("customerId", "c-1");
    event.put("amountCents", 1999);
    event.put("currency", "EUR");
    return event;
  }

  /**
   * This receipt as a map, which the Lambda runtime client serialises the same way on both sides.
   *
   * @return {@code orderId}, {@code amountCents}, {@code chargeId}
   */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("orderId", orderId);
    map.put("amountCents", amountCents);
    map.put("chargeId", chargeId);
    return map;
  }
}
