package dev.once.jdbc.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's shared {@link PostgresServer} and {@link MariaDbServer} into test constructors,
 * lifecycle methods and test methods that declare one as a parameter.
 *
 * <pre>{@code
 * @ExtendWith(DatabaseExtension.class)
 * class MyTest {
 *   @Test
 *   void works(PostgresServer postgres) { ... postgres.pool("mydb", 4) ... }
 * }
 * }</pre>
 *
 * <p>Each server starts on first use and stops at the end of the test run (the root context's store
 * closes it), or when the JVM exits at the latest.
 */
public final class DatabaseExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DatabaseExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == PostgresServer.class || type == MariaDbServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    if (parameter.getParameter().getType() == PostgresServer.class) {
      return store
          .getOrComputeIfAbsent(
              "postgres", k -> new Closing<>(PostgresServer.shared()), Closing.class)
          .server();
    }
    return store
        .getOrComputeIfAbsent("mariadb", k -> new Closing<>(MariaDbServer.shared()), Closing.class)
        .server();
  }

  /** Closes the server when the root context's store is closed, at the end of the run. */
  private record Closing<S extends AutoCloseable>(S server)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() throws Exception {
      server.close();
    }
  }
}
