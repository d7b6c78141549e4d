package dev.once.examples.lambda;

import dev.once.lambda.testing.RuntimeApiServer;
import dev.once.lambda.testing.RuntimeApiServer.Invocation;
import dev.once.lambda.testing.RuntimeClientProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Lambda execution environment: a child JVM running the real AWS Lambda Java runtime interface
 * client ({@link RuntimeClientProcess}) on a handler, fed by its own {@link RuntimeApiServer}. An
 * invocation past its deadline kills the process, as Lambda does; the sandbox is then dead and a
 * retry needs a new one.
 *
 * <p>The child's classpath is this test JVM's (the example, Once, the runtime client and their
 * dependencies); its output goes to {@code target/lambda-logs/<name>.log}.
 */
public final class LambdaSandbox implements AutoCloseable {

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
    ProcessBuilder builder =
        RuntimeClientProcess.builder(
            api,
            List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m"),
            classpath(),
            handler,
            functionName,
            name,
            environment);
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

  /** The test JVM's classpath, in full (Surefire may hand the JVM a manifest-only jar). */
  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath =
        surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    return String.join(File.pathSeparator, classpath.split(File.pathSeparator));
  }
}
