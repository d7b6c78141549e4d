package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpService;

/**
 * Only the URL-connection HTTP client ships with once-dynamodb. The SDK's service loader takes the
 * first {@link SdkHttpService} it finds, so a second client on the class path (the SDK's {@code
 * dynamodb} artifact brings {@code apache5-client} at runtime) may be picked over the one the
 * README promises, and it adds megabytes to a Lambda deployment.
 *
 * <p>The class path checked is the one users get: once-dynamodb's runtime dependencies as Maven
 * resolves them (written by {@code dependency:build-classpath} into {@code
 * target/runtime-classpath.txt}), not the test class path, which holds the other clients for the
 * client comparison.
 */
class HttpClientDependencyTest {

  /** Client artifacts and their transitive HTTP libraries that must not ship. */
  private static final Pattern OTHER_CLIENTS =
      Pattern.compile(
          "(apache-client|apache5-client|netty-nio-client|aws-crt-client|aws-crt|httpclient5?"
              + "|httpcore5?(-h2)?|netty-[a-z-]+)-\\d.*\\.jar");

  private static List<Path> runtimeClasspath;

  @BeforeAll
  static void readClasspath() throws IOException {
    Path file = Paths.get(property("once.runtimeClasspath"));
    assertThat(file)
        .as("written by dependency:build-classpath in generate-test-resources")
        .exists();
    runtimeClasspath = new ArrayList<>();
    runtimeClasspath.add(Paths.get(property("once.mainClasses")));
    for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        runtimeClasspath.add(Paths.get(entry));
      }
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value)
        .as("system property %s, set by the module's surefire configuration", name)
        .isNotBlank();
    return value;
  }

  @Test
  void theRuntimeClasspathHoldsNoOtherHttpClientArtifact() {
    assertThat(runtimeClasspath)
        .as("runtime classpath")
        .anySatisfy(p -> assertThat(p.getFileName().toString()).startsWith("url-connection-client"))
        .noneSatisfy(p -> assertThat(p.getFileName().toString()).matches(OTHER_CLIENTS.pattern()));
  }

  @Test
  void theSdksServiceLoaderFindsOnlyTheUrlConnectionClient() throws IOException {
    List<String> services = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(urls(), ClassLoader.getPlatformClassLoader())) {
      Class<?> spi = loader.loadClass(SdkHttpService.class.getName());
      // The provider files the SDK's ServiceLoader reads on a class path. ServiceLoader itself
      // cannot be asked from here: this test runs in module dev.once.dynamodb, which may look up
      // only the services its module-info declares it uses, and this spi is the isolated copy.
      for (URL file : Collections.list(loader.getResources("META-INF/services/" + spi.getName()))) {
        services.addAll(providers(file));
      }
    } catch (ClassNotFoundException e) {
      throw new AssertionError("http-client-spi is not on the runtime classpath", e);
    }

    assertThat(services)
        .containsExactly("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
  }

  /** The provider class names a service file lists, without comments and blank lines. */
  private static List<String> providers(URL file) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = file.openStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.replaceFirst("#.*", "").strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static URL[] urls() throws MalformedURLException {
    URL[] urls = new URL[runtimeClasspath.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = runtimeClasspath.get(i).toUri().toURL();
    }
    return urls;
  }
}
