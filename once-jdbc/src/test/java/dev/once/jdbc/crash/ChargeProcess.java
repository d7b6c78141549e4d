package dev.once.jdbc.crash;

import dev.once.Idempotency;
import dev.once.IdempotencyException;
import dev.once.ResultType;
import dev.once.jdbc.JdbcStore;
import dev.once.jdbc.testing.TestPool;
import dev.once.spi.Completion;
import dev.once.spi.StoreTransaction;
import dev.once.spi.TransactionalStore;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.ForwardingStore;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link CrashWindowTest}: charges one order into a SQL ledger, through Once, and
 * says on standard output how far it got, so the parent knows when to kill it (SIGKILL).
 *
 * <p>Arguments: JDBC URL (credentials in it), order id, mode, lease in milliseconds. Modes:
 *
 * <ul>
 *   <li>{@code hold-before-commit}: transactional; after the charge is written (not committed),
 *       prints {@code EFFECT} and waits to be killed;
 *   <li>{@code hold-after-completion}: transactional; after the completed record was written
 *       through the transaction, before the commit, prints {@code COMPLETED_IN_TRANSACTION} and
 *       waits to be killed;
 *   <li>{@code hold-after-commit}: transactional; after the call returned (committed), prints
 *       {@code RESULT <charge id>} and {@code COMMITTED} and waits to be killed: the response is
 *       never sent;
 *   <li>{@code plain-hold-after-effect}: not transactional (the charge commits on its own); after
 *       the charge prints {@code EFFECT} and waits: the crash window of the plain mode;
 *   <li>{@code run} / {@code plain-run}: a redelivery, transactional or plain: prints {@code RESULT
 *       <charge id>} and exits 0, or {@code IN_PROGRESS <error>} and exits 3 on a retryable error
 *       (the key in progress, a lease too short to start).
 * </ul>
 */
public final class ChargeProcess {

  /**
   * The ledger table both processes share; no unique constraint on the order: a second charge
   * shows.
   */
  public static final String LEDGER = "crash_ledger";

  /** The records table. */
  public static final String RECORDS = "crash_records";

  private ChargeProcess() {}

  /** The receipt the call returns and every duplicate replays. */
  public record Receipt(String orderId, String chargeId) {}

  /** The order a delivery carries. */
  public record Order(String orderId) {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Order order = new Order(args[1]);
    String mode = args[2];
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
    PrintStream out = System.out;
    try (TestPool pool = new TestPool(() -> DriverManager.getConnection(url), 2)) {
      JdbcStore jdbc = JdbcStore.builder(pool).tableName(RECORDS).build();
      TransactionalStore<Connection> store =
          mode.equals("hold-after-completion") ? new HoldingStore(jdbc, out) : jdbc;
      Idempotency once = Idempotency.builder(store).keyPrefix("crash").keyPath("orderId").build();
      // class loading and the first connection, before the lease's clock starts
      once.call(new Order("warm-up-" + UUID.randomUUID()), String.class, () -> "warm");
      Receipt receipt;
      try {
        receipt =
            mode.startsWith("plain")
                ? once.call(
                    order,
                    ResultType.of(Receipt.class),
                    lease,
                    () -> plainCharge(pool, order, mode, out))
                : once.callInTransaction(
                    order,
                    ResultType.of(Receipt.class),
                    lease,
                    (Connection c) -> charge(c, order, mode, out));
      } catch (IdempotencyException e) {
        if (!e.isRetryable()) {
          throw e;
        }
        out.println("IN_PROGRESS " + e.getClass().getSimpleName()); // the source retries later
        out.flush();
        System.exit(3);
        return;
      }
      out.println("RESULT " + receipt.chargeId());
      if (mode.equals("hold-after-commit")) {
        hold(out, "COMMITTED");
      }
      out.flush();
    }
  }

  private static Receipt charge(Connection transaction, Order order, String mode, PrintStream out)
      throws SQLException {
    String chargeId = insert(transaction, order);
    if (mode.equals("hold-before-commit")) {
      hold(out, "EFFECT");
    }
    return new Receipt(order.orderId(), chargeId);
  }

  private static Receipt plainCharge(TestPool pool, Order order, String mode, PrintStream out)
      throws SQLException {
    String chargeId;
    try (Connection connection = pool.getConnection()) {
      chargeId = insert(connection, order); // auto-commit: committed at once
    }
    if (mode.equals("plain-hold-after-effect")) {
      hold(out, "EFFECT");
    }
    return new Receipt(order.orderId(), chargeId);
  }

  private static String insert(Connection connection, Order order) throws SQLException {
    String chargeId = "ch_" + UUID.randomUUID();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + LEDGER + " (charge_id, order_id) VALUES (?, ?)")) {
      insert.setString(1, chargeId);
      insert.setString(2, order.orderId());
      insert.executeUpdate();
    }
    return chargeId;
  }

  /** The store, holding after it wrote the completion inside the transaction. */
  private static final class HoldingStore extends ForwardingStore
      implements TransactionalStore<Connection> {
    private final JdbcStore store;
    private final PrintStream out;

    HoldingStore(JdbcStore store, PrintStream out) {
      super(store);
      this.store = store;
      this.out = out;
    }

    @Override
    public WriteOutcome complete(Connection transaction, Completion completion) {
      WriteOutcome outcome = store.complete(transaction, completion);
      hold(out, "COMPLETED_IN_TRANSACTION");
      return outcome;
    }

    @Override
    public Class<Connection> transactionType() {
      return store.transactionType();
    }

    @Override
    public StoreTransaction<Connection> begin() {
      return store.begin();
    }

    @Override
    public StoreTransaction<Connection> join(Connection transaction) {
      return store.join(transaction);
    }
  }

  /** Says how far it got, then waits to be killed. */
  private static void hold(PrintStream out, String mark) {
    out.println(mark);
    out.flush();
    while (true) {
      LockSupport.park();
    }
  }
}
