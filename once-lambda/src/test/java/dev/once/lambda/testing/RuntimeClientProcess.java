package dev.once.lambda.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A child JVM that runs the real AWS Lambda Java runtime interface client ({@value #MAIN}) on a
 * handler, against a {@link RuntimeApiServer}, with the environment Lambda gives a function (its
 * name, memory, log group and stream, region, dummy credentials). Shared by the example tests and
 * the side-by-side benchmark (once-bench). Stateless but for a once-made copy of the client's
 * native library; thread-safe.
 */
public final class RuntimeClientProcess {

  /** The runtime interface client's main class. */
  public static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** The runtime client loads its native library from this path when the property is set. */
  private static final String NATIVE_LIBRARY_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static Optional<Path> nativeLibrary;

  private RuntimeClientProcess() {}

  /**
   * The process to start: {@code java <jvmOptions> -cp <classpath> AWSLambda <handler>}, its
   * environment cleared of the caller's {@code AWS_*} and {@code ONCE_*} variables and set as
   * Lambda sets it.
   *
   * @param api the Runtime API the client calls
   * @param jvmOptions options before the classpath, such as {@code -XX:TieredStopAtLevel=1}
   * @param classpath the function's classpath, with the runtime client on it
   * @param handler {@code class::method}, or a class
   * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}
   * @param logStream the end of {@code AWS_LAMBDA_LOG_STREAM_NAME}
   * @param environment the function's own variables, set last
   * @return a builder whose output the caller redirects, then starts
   * @throws IOException when the native library cannot be copied
   */
  public static ProcessBuilder builder(
      RuntimeApiServer api,
      List<String> jvmOptions,
      String classpath,
      String handler,
      String functionName,
      String logStream,
      Map<String, String> environment)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    nativeLibrary().ifPresent(path -> command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + path));
    command.addAll(List.of("-cp", classpath, MAIN, handler));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ONCE_"));
    env.put("AWS_LAMBDA_RUNTIME_API", api.address());
    env.put("_HANDLER", handler);
    env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]" + logStream);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "dummy");
    env.put("AWS_SECRET_ACCESS_KEY", "dummy");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.putAll(environment);
    return builder;
  }

  /**
   * A private copy of the runtime client's native library (linux x86_64). Without it, every runtime
   * client unpacks the library to the same {@code /tmp/.libaws-lambda-jni.so} at start, and JVMs
   * starting together (several sandboxes, other builds on the machine) overwrite it while another
   * loads it: the start fails. Empty elsewhere, or when the runtime client is not on this JVM's
   * classpath: the client finds its own.
   */
  private static synchronized Optional<Path> nativeLibrary() throws IOException {
    if (nativeLibrary == null) {
      nativeLibrary = Optional.empty();
      boolean linuxX64 =
          System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
              && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
      try (InputStream library =
          RuntimeClientProcess.class.getResourceAsStream(
              "/jni/libaws-lambda-jni.linux-x86_64.so")) {
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
}
