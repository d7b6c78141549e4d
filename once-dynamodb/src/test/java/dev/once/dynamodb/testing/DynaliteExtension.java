package dev.once.dynamodb.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's shared {@link DynaliteServer} into test constructors, lifecycle methods and
 * test methods that declare a {@code DynaliteServer} parameter.
 *
 * <pre>{@code
 * @ExtendWith(DynaliteExtension.class)
 * class MyTest {
 *   @Test
 *   void works(DynaliteServer dynalite) { ... dynalite.client() ... }
 * }
 * }</pre>
 *
 * <p>The server starts on first use and is killed at the end of the test run (the root context's
 * store closes it), or when the JVM exits at the latest.
 */
public final class DynaliteExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DynaliteExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DynaliteServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", k -> DynaliteServer.shared(), DynaliteServer.class);
  }
}
