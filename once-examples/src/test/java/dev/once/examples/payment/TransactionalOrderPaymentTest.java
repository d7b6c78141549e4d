package dev.once.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.jdbc.JdbcStore;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order payment in transactional mode, on H2 in memory: one charge per order, replays. */
class TransactionalOrderPaymentTest {

  private final DataSource dataSource =
      h2("jdbc:h2:mem:payment-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  private JdbcLedger ledger;
  private TransactionalOrderPayment payment;

  private static DataSource h2(String url) {
    JdbcDataSource h2 = new JdbcDataSource(); // plain connections: enough for a test
    h2.setURL(url);
    return h2;
  }

  @BeforeEach
  void open() {
    JdbcStore store = JdbcStore.builder(dataSource).build();
    store.createTable();
    ledger = new JdbcLedger(dataSource, "ledger");
    ledger.createTable();
    payment =
        new TransactionalOrderPayment(
            ledger, Idempotency.builder(store).keyPath(OrderPayment.keyPath()).build());
  }

  @Test
  void chargesOnceAndReplaysTheReceipt() throws SQLException {
    Order order = new Order("order-1", "customer-1", 1999, "EUR");

    Receipt first = payment.pay(order);
    Receipt again = payment.pay(order);

    assertThat(again).isEqualTo(first);
    assertThat(ledger.charges("order-1")).isEqualTo(1);
  }

  @Test
  void aLedgerFailureChargesNothingAndFreesTheOrder() throws SQLException {
    Order order = new Order("order-2", "customer-1", 500, "EUR");
    JdbcLedger broken = new JdbcLedger(dataSource, "no_such_table");
    TransactionalOrderPayment failing =
        new TransactionalOrderPayment(
            broken,
            Idempotency.builder(JdbcStore.builder(dataSource).build())
                .keyPath(OrderPayment.keyPath())
                .build());

    assertThat(catchThrowable(() -> failing.pay(order))).isInstanceOf(SQLException.class);
    assertThat(payment.pay(order)).isNotNull();
    assertThat(ledger.charges("order-2")).isEqualTo(1);
  }
}
