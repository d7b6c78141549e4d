package dev.once.examples.lambda;

import dev.once.examples.lambda.RuntimeApiServer.Invocation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Lambda execution environment: a child JVM running the real AWS Lambda Java runtime interface
 * client ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) on a handler, fed by
 * its own {@link RuntimeApiServer}. An invocation past its deadline kills the process, as Lambda
 * does; the sandbox is then dead and a retry needs a new one.
 *
 * <p>The child's classpath is this test JVM's (the example, Once, the runtime client and their
 * dependencies); its output goes to {@code target/lambda-logs/<name>.log}.
 */
public final class LambdaSandbox implements AutoCloseable {

  private static final String RUNTIME_MAIN =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  private final RuntimeApiServer api;
  private final Process process;
  private final Path log;

  private LambdaSandbox(RuntimeApiServer api, Process process, Path log) {
    this.api = api;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a child JVM on {@code handler} ({@code class::method}).
   *
   * @param name names the log file
   * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}
   * @param environment the function's own variables ({@code ONCE_*}, tables, endpoints)
   */
  public static LambdaSandbox start(
      String name, String handler, String functionName, Map<String, String> environment)
      throws IOException {
    RuntimeApiServer api = RuntimeApiServer.start(name, functionName);
    Path logs = Path.of("target", "lambda-logs");
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m"));
    nativeLibrary().ifPresent(path -> command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + path));
    command.addAll(List.of("-cp", classpath(), RUNTIME_MAIN, handler));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ONCE_"));
    env.put("AWS_LAMBDA_RUNTIME_API", api.address());
    env.put("_HANDLER", handler);
    env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]" + name);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "dummy");
    env.put("AWS_SECRET_ACCESS_KEY", "dummy");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.putAll(environment);
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LambdaSandbox sandbox = new LambdaSandbox(api, process, log);
    api.onDeadline(invocation -> process.destroyForcibly());
    return sandbox;
  }

  /** Sends an event; Lambda kills the process if it is not answered within {@code timeout}. */
  Invocation invoke(String event, Duration timeout) {
    return api.invoke(event, timeout, true);
  }

  /**
   * Sends an event whose deadline is {@code timeout} but is not enforced: the process is not killed
   * when it passes, as if frozen and thawed late.
   */
  Invocation invokeWithoutKill(String event, Duration timeout) {
    return api.invoke(event, timeout, false);
  }

  /** True while the child JVM runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits, bounded, for the child to exit; true when it did. */
  public boolean awaitExit(Duration max) throws InterruptedException {
    return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The child's output so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    api.close();
  }

  /** The runtime client loads its native library from this path when the property is set. */
  private static final String NATIVE_LIBRARY_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static Optional<Path> nativeLibrary;

  /**
   * A private copy of the runtime client's native library (linux x86_64). Without it, every runtime
   * client unpacks the library to the same {@code /tmp/.libaws-lambda-jni.so} at start, and JVMs
   * starting together (several sandboxes, other builds on the machine) overwrite it while another
   * loads it: the start fails. Empty elsewhere: the client finds its own.
   */
  private static synchronized Optional<Path> nativeLibrary() throws IOException {
    if (nativeLibrary == null) {
      nativeLibrary = Optional.empty();
      boolean linuxX64 =
          System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
              && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
      // Through the class loader: this class's own getResourceAsStream looks only inside its
      // module (dev.once.examples, on the test module path), not in the client's jar.
      try (InputStream library =
          LambdaSandbox.class
              .getClassLoader()
              .getResourceAsStream("jni/libaws-lambda-jni.linux-x86_64.so")) {
        if (linuxX64 && library != null) {
          Path copy = Files.createTempFile("libaws-lambda-jni-", ".so");
          copy.toFile().deleteOnExit();
          Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
          nativeLibrary = Optional.of(copy);
        }
      }
    }
    return nativeLibrary;
  }

  /** The test JVM's classpath, in full (Surefire may hand the JVM a manifest-only jar). */
  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath =
        surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    // The module path too: surefire runs the tests on it, with the main classes and their modules.
    String modules = System.getProperty("jdk.module.path", "");
    return modules.isEmpty() ? classpath : modules + File.pathSeparator + classpath;
  }
}
