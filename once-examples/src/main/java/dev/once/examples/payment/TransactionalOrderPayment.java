package dev.once.examples.payment;

import dev.once.Idempotency;
import dev.once.ResultType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * The example function in transactional mode: the charge is a row in a SQL ledger, written through
 * the transaction Once opens, and the completed idempotency record commits with it. A crash after
 * the charge and before the commit leaves neither; the redelivery charges once. The crash window of
 * {@link OrderPayment} is closed.
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder(dataSource).build();
 * Idempotency once = Idempotency.builder(store).keyPath(OrderPayment.keyPath()).build();
 * TransactionalOrderPayment payment =
 *     new TransactionalOrderPayment(new JdbcLedger(dataSource, "ledger"), once);
 * Receipt receipt = payment.pay(order);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TransactionalOrderPayment {

  private static final ResultType<Receipt> RECEIPT = ResultType.of(Receipt.class);

  private final JdbcLedger ledger;
  private final Idempotency idempotency;

  /**
   * @param ledger a ledger table in the same database as the idempotency records
   * @param idempotency over a {@code JdbcStore}, with the key path {@link OrderPayment#keyPath()}
   */
  public TransactionalOrderPayment(JdbcLedger ledger, Idempotency idempotency) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
  }

  /**
   * Charges the order once; a duplicate gets the first receipt back.
   *
   * @throws SQLException the ledger's own error, unchanged (nothing was charged, the key released)
   */
  public Receipt pay(Order order) throws SQLException {
    return pay(order, null);
  }

  /**
   * As {@link #pay(Order)}, with the caller's remaining time as the lease (in Lambda, {@code
   * Context.getRemainingTimeInMillis()}), or {@code null} for the maximum run time.
   */
  public Receipt pay(Order order, Duration remainingTime) throws SQLException {
    return idempotency.callInTransaction(
        order, RECEIPT, remainingTime, (Connection transaction) -> charge(transaction, order));
  }

  /** The work: one charge row, written through the transaction; one receipt. */
  private Receipt charge(Connection transaction, Order order) throws SQLException {
    String chargeId = ledger.charge(transaction, order);
    return new Receipt(order.orderId(), chargeId, order.amountCents(), order.currency());
  }
}
