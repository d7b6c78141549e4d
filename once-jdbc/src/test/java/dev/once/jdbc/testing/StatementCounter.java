package dev.once.jdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Counts the statements executed and the commits and rollbacks sent through a {@link DataSource}:
 * for H2 in memory, where there is no wire to count round trips on, and beside the wire count
 * elsewhere. Thread-safe.
 */
public final class StatementCounter {

  private static final Set<String> EXECUTIONS =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");
  private static final Set<String> ENDINGS = Set.of("commit", "rollback");

  private final AtomicInteger count = new AtomicInteger();

  /** Statements executed plus commits and rollbacks, so far. */
  public int count() {
    return count.get();
  }

  /** {@code dataSource}, counted. */
  public DataSource wrap(DataSource dataSource) {
    return proxy(
        DataSource.class,
        dataSource,
        (target, method, args) -> {
          Object result = method.invoke(target, args);
          return result instanceof Connection connection
              ? proxy(Connection.class, connection, this::connectionCall)
              : result;
        });
  }

  private Object connectionCall(Object target, java.lang.reflect.Method method, Object[] args)
      throws Exception {
    if (ENDINGS.contains(method.getName())) {
      count.incrementAndGet();
    }
    Object result = method.invoke(target, args);
    if (result instanceof PreparedStatement prepared) {
      return proxy(PreparedStatement.class, prepared, this::statementCall);
    }
    if (result instanceof Statement statement) {
      return proxy(Statement.class, statement, this::statementCall);
    }
    return result;
  }

  private Object statementCall(Object target, java.lang.reflect.Method method, Object[] args)
      throws Exception {
    if (EXECUTIONS.contains(method.getName())) {
      count.incrementAndGet();
    }
    return method.invoke(target, args);
  }

  /** A call on the real object, as the proxy forwards it. */
  @FunctionalInterface
  private interface Forward {
    Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, T target, Forward forward) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          try {
            return forward.call(target, method, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
