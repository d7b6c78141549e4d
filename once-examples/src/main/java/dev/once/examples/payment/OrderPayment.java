package dev.once.examples.payment;

import dev.once.Idempotency;
import java.util.Objects;

/**
 * The example function: charge an order once, however often it is delivered. A plain Java class;
 * {@code OrderPaymentHandler} puts it behind AWS Lambda.
 *
 * <p>Thread-safe when its ledger is.
 */
public final class OrderPayment {

  private final Ledger ledger;
  private final Idempotency idempotency;

  /**
   * @param idempotency configured with the key path {@code "orderId"} (see {@link #keyPath()})
   */
  public OrderPayment(Ledger ledger, Idempotency idempotency) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
  }

  /** The key path for this function's {@link Idempotency}: the order id. */
  public static String keyPath() {
    return "orderId";
  }

  /** Charges the order once; a duplicate gets the first receipt back. */
  public Receipt pay(Order order) {
    return idempotency.call(order, Receipt.class, () -> charge(ledger, order));
  }

  /** The unprotected work: one charge, one receipt. */
  public static Receipt charge(Ledger ledger, Order order) {
    String chargeId = ledger.charge(order);
    return new Receipt(order.orderId(), chargeId, order.amountCents(), order.currency());
  }
}
