package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * What a cold start does not load: an engine whose key and validation paths are plain field chains
 * runs without the JMESPath library, and one without a local cache without Caffeine. Each case runs
 * in a class loader that refuses those libraries, so touching them fails the call.
 */
class StartupClassesTest {

  private static final List<String> REFUSED =
      List.of("io.burt.jmespath.", "com.github.benmanes.caffeine.");

  @Test
  void fieldChainPathsAndNoLocalCacheRunWithoutJmesPathOrCaffeine() throws Exception {
    Object result = runRefusing(FieldChainCall.class);

    assertThat(result).isEqualTo("charged o-1|charged o-1|a.b_c");
  }

  @Test
  void anExpressionBeyondAFieldChainStillNeedsJmesPath() {
    // The refusing loader works: an expression with a function is compiled by the library.
    assertThatThrownBy(() -> runRefusing(ExpressionCall.class))
        .hasRootCauseInstanceOf(ClassNotFoundException.class)
        .rootCause()
        .hasMessageStartingWith("io.burt.jmespath.");
  }

  private static Object runRefusing(Class<? extends Callable<?>> task) throws Exception {
    try (RefusingLoader loader = new RefusingLoader()) {
      Callable<?> call =
          (Callable<?>) loader.loadClass(task.getName()).getDeclaredConstructor().newInstance();
      return call.call();
    }
  }

  /**
   * A call keyed on {@code detail.orderId} and validated on {@code amount}, run twice, and a field
   * chain checked as a setting is.
   */
  public static final class FieldChainCall implements Callable<String> {
    @Override
    public String call() {
      Idempotency once =
          Idempotency.builder(new InMemoryStore())
              .keyPath("detail.orderId")
              .validationPath("amount")
              .build();
      Map<String, Object> event = Map.of("detail", Map.of("orderId", "o-1"), "amount", 1999);
      String first = once.call(event, String.class, () -> "charged o-1");
      String second = once.call(event, String.class, () -> "charged again");
      return first + "|" + second + "|" + Idempotency.checkPath("keyPath", "a.b_c");
    }
  }

  /** A call keyed on an expression with a function: compiled by the JMESPath library. */
  public static final class ExpressionCall implements Callable<String> {
    @Override
    public String call() {
      Idempotency.builder(new InMemoryStore()).keyPath("to_string(orderId)").build();
      return "built";
    }
  }

  /**
   * Loads the test class and module paths itself (so Once's classes are its own), refusing the
   * libraries in {@link #REFUSED}; the JDK comes from the platform loader.
   */
  private static final class RefusingLoader extends URLClassLoader {
    RefusingLoader() throws MalformedURLException {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      for (String prefix : REFUSED) {
        if (name.startsWith(prefix)) {
          throw new ClassNotFoundException(name);
        }
      }
      // Child first: on the module path the platform loader hands a class of a boot-layer module
      // (dev.once.core's, the libraries') to the application loader, which would bypass this one.
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            loaded = findClass(name);
          } catch (ClassNotFoundException notHere) {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    private static URL[] classPath() throws MalformedURLException {
      String surefire = System.getProperty("surefire.test.class.path");
      String path =
          surefire != null && !surefire.isBlank()
              ? surefire
              : System.getProperty("java.class.path");
      // On the module path (surefire's default here) the main classes and the libraries are there.
      path = System.getProperty("jdk.module.path", "") + File.pathSeparator + path;
      List<URL> urls = new ArrayList<>();
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          urls.add(new File(entry).toURI().toURL());
        }
      }
      return urls.toArray(URL[]::new);
    }
  }
}
