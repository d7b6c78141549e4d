package dev.once.cli;

import dev.once.ResultType;
import dev.once.examples.payment.JdbcLedger;
import dev.once.examples.payment.Order;
import dev.once.examples.payment.OrderPayment;
import dev.once.examples.payment.Receipt;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The example payment over a ledger table in the store's own database, charged in transactional
 * mode: the charge and the completed record commit together, so a crash after the charge takes the
 * charge away with it, and the redelivery charges once.
 */
final class TransactionalPaymentWorkload implements Workload {

  /** The ledger table, created when missing; orders carry the run id, so runs never mix. */
  static final String LEDGER_TABLE = "once_ledger";

  private static final ResultType<Receipt> RECEIPT = ResultType.of(Receipt.class);

  private final PaymentWorkload orders;
  private final JdbcLedger ledger;
  private volatile Map<String, Integer> chargesAfterRun;

  TransactionalPaymentWorkload(int orders, String runId, DataSource dataSource) {
    this.orders = new PaymentWorkload(orders, runId);
    this.ledger = new JdbcLedger(dataSource, LEDGER_TABLE);
    ledger.createTable();
  }

  /**
   * Runs the work inside the call's transaction, with the invocation's faults around the charge.
   */
  Object execute(Connection transaction, int unit, Invocation invocation) throws SQLException {
    Order order = (Order) orders.input(unit);
    invocation.beforeEffect();
    String chargeId = ledger.charge(transaction, order);
    invocation.afterEffect();
    return new Receipt(order.orderId(), chargeId, order.amountCents(), order.currency());
  }

  @Override
  public Object execute(int unit, Invocation invocation) {
    throw new UnsupportedOperationException("a transactional workload runs inside a transaction");
  }

  @Override
  public int units() {
    return orders.units();
  }

  @Override
  public Object input(int unit) {
    return orders.input(unit);
  }

  @Override
  public String keyPath() {
    return OrderPayment.keyPath();
  }

  @Override
  public ResultType<?> resultType() {
    return RECEIPT;
  }

  /** The charges in the ledger table, read once when the report asks, after the run. */
  @Override
  public int effects(int unit) {
    Map<String, Integer> charges = chargesAfterRun;
    if (charges == null) {
      charges = ledger.allCharges();
      chargesAfterRun = charges;
    }
    return charges.getOrDefault(((Order) orders.input(unit)).orderId(), 0);
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

  @Override
  public boolean closesCrashWindow() {
    return true;
  }
}
