package dev.once.cli;

import dev.once.ResultType;
import dev.once.examples.payment.InMemoryLedger;
import dev.once.examples.payment.Ledger;
import dev.once.examples.payment.Order;
import dev.once.examples.payment.OrderPayment;
import dev.once.examples.payment.Receipt;

/**
 * The example order-payment function ({@link OrderPayment}) over an in-memory ledger that counts
 * charges per order. A replay must return the first receipt: the same charge id.
 */
final class PaymentWorkload implements Workload {

  private static final ResultType<Receipt> RECEIPT = ResultType.of(Receipt.class);

  private final Order[] orders;
  private final InMemoryLedger ledger = new InMemoryLedger();

  PaymentWorkload(int orders, String runId) {
    this.orders = new Order[orders];
    for (int i = 0; i < orders; i++) {
      this.orders[i] =
          new Order(runId + "-order-" + i, "customer-" + (i % 97), 100 + (i * 37L) % 9900, "EUR");
    }
  }

  @Override
  public int units() {
    return orders.length;
  }

  @Override
  public Object input(int unit) {
    return orders[unit];
  }

  @Override
  public String keyPath() {
    return OrderPayment.keyPath();
  }

  @Override
  public ResultType<?> resultType() {
    return RECEIPT;
  }

  @Override
  public Object execute(int unit, Invocation invocation) {
    return OrderPayment.charge(new FaultyLedger(ledger, invocation), orders[unit]);
  }

  @Override
  public int effects(int unit) {
    return ledger.charges(orders[unit].orderId());
  }

  @Override
  public Object fingerprint(Object result) {
    return ((Receipt) result).chargeId();
  }

  @Override
  public String unitsName() {
    return "orders";
  }

  @Override
  public String effectsName() {
    return "charges";
  }

  /** The ledger as one invocation sees it: its fault strikes around the charge. */
  private record FaultyLedger(Ledger ledger, Invocation invocation) implements Ledger {
    @Override
    public String charge(Order order) {
      invocation.beforeEffect();
      String chargeId = ledger.charge(order);
      invocation.afterEffect();
      return chargeId;
    }
  }
}
