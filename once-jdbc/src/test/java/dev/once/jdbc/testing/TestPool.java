package dev.once.jdbc.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for tests and benchmarks, so they need no pool library: up to {@code
 * size} physical connections, handed out one caller at a time. A connection comes back on {@code
 * close()}, with auto-commit on again; one that saw a connection-level error (SQLState class 08, a
 * recoverable or connection exception) is discarded instead, as a real pool would, so a restarted
 * server gets fresh connections. Thread-safe.
 */
public final class TestPool implements DataSource, AutoCloseable {

  /** Opens a physical connection. */
  @FunctionalInterface
  public interface ConnectionFactory {
    Connection open() throws SQLException;
  }

  private final ConnectionFactory factory;
  private final BlockingQueue<Connection> idle;
  private final Semaphore permits;
  private volatile boolean closed;

  public TestPool(ConnectionFactory factory, int size) {
    this.factory = factory;
    this.idle = new ArrayBlockingQueue<>(size);
    this.permits = new Semaphore(size);
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
        throw new SQLTransientConnectionException("no pooled connection free within 10 s", "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("interrupted", "08001", e);
    }
    try {
      Connection physical = idle.poll();
      return lend(physical == null ? factory.open() : physical);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private Connection lend(Connection physical) {
    boolean[] broken = new boolean[1];
    boolean[] returned = new boolean[1];
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && method.getParameterCount() == 0) {
                if (!returned[0]) {
                  returned[0] = true;
                  giveBack(physical, broken[0]);
                }
                return null;
              }
              if (method.getName().equals("isClosed") && returned[0]) {
                return true;
              }
              try {
                return method.invoke(physical, args);
              } catch (InvocationTargetException e) {
                if (isConnectionLost(e.getCause())) {
                  broken[0] = true;
                }
                throw e.getCause();
              }
            });
  }

  private void giveBack(Connection physical, boolean broken) {
    try {
      if (broken || closed || physical.isClosed()) {
        closeQuietly(physical);
      } else {
        if (!physical.getAutoCommit()) {
          physical.rollback();
          physical.setAutoCommit(true);
        }
        if (!idle.offer(physical)) {
          closeQuietly(physical);
        }
      }
    } catch (SQLException e) {
      closeQuietly(physical);
    } finally {
      permits.release();
    }
  }

  /** True for errors that leave the connection unusable. */
  static boolean isConnectionLost(Throwable error) {
    if (error instanceof SQLRecoverableException
        || error instanceof SQLNonTransientConnectionException
        || error instanceof SQLTransientConnectionException) {
      return true;
    }
    return error instanceof SQLException sql
        && sql.getSQLState() != null
        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"));
  }

  /** Closes every idle connection; lent ones close when given back. */
  @Override
  public void close() {
    closed = true;
    Connection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // discarded anyway
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the test pool has one user");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
