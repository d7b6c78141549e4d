package dev.once.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import dev.once.ResultType;
import dev.once.jdbc.testing.TestPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The module README's examples, compiled and run on H2 in memory. */
class ReadmeExampleTest {

  record Order(String orderId, long amountCents) {}

  record Receipt(String orderId, String chargeId) {}

  /** A ledger table the work writes its charge to. */
  static final class Ledger {
    String charge(Connection tx, Order order) throws SQLException {
      String chargeId = "ch_" + UUID.randomUUID();
      try (PreparedStatement insert =
          tx.prepareStatement("INSERT INTO readme_ledger (charge_id, order_id) VALUES (?, ?)")) {
        insert.setString(1, chargeId);
        insert.setString(2, order.orderId());
        insert.executeUpdate();
      }
      return chargeId;
    }
  }

  @Test
  void useAndTransactionalMode() throws SQLException {
    try (TestPool dataSource =
        new TestPool(
            () -> DriverManager.getConnection("jdbc:h2:mem:readme;DB_CLOSE_DELAY=-1"), 4)) {
      createLedger(dataSource);
      Order order = new Order("order-42", 1999);
      Ledger ledger = new Ledger();
      Duration remainingTime = Duration.ofSeconds(30);

      // ## Use
      JdbcStore store =
          JdbcStore.builder(dataSource) // table once_records, dialect detected
              .build();
      store.createTable(); // or run the DDL below yourself
      Idempotency once =
          Idempotency.builder(store).keyPrefix("payments.pay").keyPath("orderId").build();

      // ## Transactional mode
      Receipt receipt =
          once.callInTransaction(
              order,
              ResultType.of(Receipt.class),
              remainingTime,
              (Connection tx) -> {
                String chargeId = ledger.charge(tx, order); // the effect, through tx; not committed
                return new Receipt(order.orderId(), chargeId);
              });

      Receipt again =
          once.callInTransaction(
              order,
              ResultType.of(Receipt.class),
              remainingTime,
              (Connection tx) -> new Receipt(order.orderId(), ledger.charge(tx, order)));
      assertThat(store.dialect()).isEqualTo(SqlDialect.H2);
      assertThat(again).isEqualTo(receipt);
    }
  }

  private static void createLedger(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS readme_ledger"
              + " (charge_id VARCHAR(64) PRIMARY KEY, order_id VARCHAR(255) NOT NULL)");
    }
  }
}
