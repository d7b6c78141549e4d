package dev.once.examples.payment;

import java.util.Objects;

/**
 * An order to pay: the event of the example function. {@code orderId} is its idempotency key.
 *
 * @param orderId unique per order
 * @param customerId who pays
 * @param amountCents what to charge, in cents
 * @param currency ISO 4217 code
 */
public record Order(String orderId, String customerId, long amountCents, String currency) {
  public Order {
    Objects.requireNonNull(orderId, "orderId");
    if (amountCents <= 0) {
      throw new IllegalArgumentException("amountCents must be positive but was " + amountCents);
    }
  }
}
