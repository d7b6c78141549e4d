package dev.once.redis.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's shared {@link RedisServer} or {@link RedisCluster} into test constructors,
 * lifecycle methods and test methods that declare one as a parameter.
 *
 * <pre>{@code
 * @ExtendWith(RedisExtension.class)
 * class MyTest {
 *   @Test
 *   void works(RedisServer redis) { ... redis.uri() ... }
 *
 *   @Test
 *   void onTheCluster(RedisCluster cluster) { ... cluster.uris() ... }
 * }
 * }</pre>
 *
 * <p>Each starts on first use and is killed at the end of the test run (the root context's store
 * closes it), or when the JVM exits at the latest.
 */
public final class RedisExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RedisServer.class || type == RedisCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    if (parameter.getParameter().getType() == RedisServer.class) {
      return store.getOrComputeIfAbsent("server", k -> RedisServer.shared(), RedisServer.class);
    }
    return store.getOrComputeIfAbsent("cluster", k -> RedisCluster.shared(), RedisCluster.class);
  }
}
