package dev.once.examples.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A ledger in a SQL table: one row per charge, keyed by {@code charge_id}, with the order id,
 * customer, amount, currency and time. Every charge is a new row, so a second charge of an order is
 * visible to anyone who reads the table.
 *
 * <p>{@link #charge(Connection, Order)} writes through a connection whose transaction the caller
 * commits: in Once's transactional mode, the charge and the idempotency record commit together.
 * {@link #charge(Order)} writes on a connection of its own, committed at once (the plain mode,
 * where a crash after the charge and before the record completes charges again on redelivery).
 *
 * <p>Thread-safe. The DDL is plain SQL that PostgreSQL, MySQL/MariaDB and H2 all accept.
 */
public final class JdbcLedger implements Ledger {

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final DataSource dataSource;
  private final String table;
  private final Clock clock;

  public JdbcLedger(DataSource dataSource, String table) {
    this(dataSource, table, Clock.systemUTC());
  }

  public JdbcLedger(DataSource dataSource, String table, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.table = requireTableName(table);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Charges on a connection of its own, committed at once. */
  @Override
  public String charge(Order order) {
    try (Connection connection = dataSource.getConnection()) {
      String chargeId = charge(connection, order);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      return chargeId;
    } catch (SQLException e) {
      throw new IllegalStateException("could not charge order " + order.orderId(), e);
    }
  }

  /**
   * Inserts the charge through {@code transaction}; committing is the caller's.
   *
   * @return the new charge id
   * @throws SQLException as the driver reports it
   */
  public String charge(Connection transaction, Order order) throws SQLException {
    String chargeId = "ch_" + UUID.randomUUID();
    try (PreparedStatement insert =
        transaction.prepareStatement(
            "INSERT INTO "
                + table
                + " (charge_id, order_id, customer_id, amount_cents, currency, charged_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, chargeId);
      insert.setString(2, order.orderId());
      insert.setString(3, order.customerId());
      insert.setLong(4, order.amountCents());
      insert.setString(5, order.currency());
      insert.setString(6, clock.instant().toString());
      insert.executeUpdate();
    }
    return chargeId;
  }

  /** How many charges {@code orderId} has. */
  public int charges(String orderId) {
    return allCharges().getOrDefault(orderId, 0);
  }

  /** Charges per order id, read from the table. */
  public Map<String, Integer> allCharges() {
    Map<String, Integer> counts = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT order_id, COUNT(*) FROM " + table + " GROUP BY order_id")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getInt(2));
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the ledger " + table, e);
    }
  }

  /** Creates the ledger table unless it exists. */
  public void createTable() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table
              + " (charge_id VARCHAR(64) NOT NULL PRIMARY KEY, order_id VARCHAR(255) NOT NULL,"
              + " customer_id VARCHAR(255), amount_cents BIGINT NOT NULL, currency VARCHAR(3),"
              + " charged_at VARCHAR(40) NOT NULL)");
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the ledger table " + table, e);
    }
  }

  private static String requireTableName(String table) {
    if (table == null || !TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "ledger table must be an identifier of letters, digits and underscores but was \""
              + table
              + "\"");
    }
    return table;
  }
}
