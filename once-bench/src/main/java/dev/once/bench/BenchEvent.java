package dev.once.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * An order event of about a given JSON size: the shape a payment function receives.
 *
 * @param orderId the idempotency key
 */
public record BenchEvent(
    String orderId, String customerId, long amountCents, String currency, List<LineItem> items) {

  /** One line of the order. */
  public record LineItem(String sku, String description, int quantity, long priceCents) {}

  /** A result as small as a real receipt. */
  public record BenchReceipt(String orderId, String chargeId, long amountCents) {}

  /** An event whose JSON form is at least {@code bytes} long. */
  static BenchEvent ofSize(int bytes, ObjectMapper mapper) throws JsonProcessingException {
    List<LineItem> items = new ArrayList<>();
    BenchEvent event = new BenchEvent("order-000001", "customer-42", 12_345, "EUR", items);
    while (mapper.writeValueAsBytes(event).length < bytes) {
      int n = items.size();
      items.add(
          new LineItem("sku-" + n, "line item number " + n + " of the order", 1 + n % 3, 100L * n));
    }
    return event;
  }

  BenchEvent withOrderId(String id) {
    return new BenchEvent(id, customerId, amountCents, currency, items);
  }
}
