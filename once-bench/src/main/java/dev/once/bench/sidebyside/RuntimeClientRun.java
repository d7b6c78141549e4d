package dev.once.bench.sidebyside;

import dev.once.lambda.testing.RuntimeApiServer;
import dev.once.lambda.testing.RuntimeApiServer.Invocation;
import dev.once.lambda.testing.RuntimeApiServer.Kind;
import dev.once.lambda.testing.RuntimeApiServer.Outcome;
import dev.once.lambda.testing.RuntimeClientProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cold start under the real Lambda runtime interface client: a child JVM runs {@link
 * RuntimeClientProcess#MAIN} on one side's {@link BenchHandler}, fed by this JVM's {@link
 * RuntimeApiServer} with one queued event. Wall time runs from just before the process starts to
 * the moment the server receives the first {@code /response}; the child's CPU is read from {@code
 * /proc} at that moment. With a class-load log, the classes loaded by then are counted too (the
 * runtime's next poll may add a few).
 */
final class RuntimeClientRun {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

  private RuntimeClientRun() {}

  /**
   * Runs one cold start and its first invocation.
   *
   * @param classLog where the child logs its class loads, or {@code null} for none
   */
  static ChildJvm.Measurement run(
      Side side,
      Classpaths classpaths,
      String endpoint,
      String orderId,
      List<String> jvmOptions,
      Path log,
      Path classLog)
      throws Exception {
    List<String> options = new ArrayList<>(jvmOptions);
    if (classLog != null) {
      options.add("-Xlog:class+load=info:file=" + classLog);
    }
    Class<?> handler =
        side == Side.ONCE ? BenchHandler.OnceFunction.class : BenchHandler.RawFunction.class;
    try (RuntimeApiServer api = RuntimeApiServer.start("bench-" + side, "bench-" + side)) {
      api.timingsTo(NOWHERE);
      Invocation invocation =
          api.invoke(receiptEvent(orderId), Duration.ofSeconds(TIMEOUT.toSeconds()), false);
      AtomicLong pid = new AtomicLong();
      AtomicLong start = new AtomicLong();
      CompletableFuture<double[]> measured =
          invocation
              .outcome()
              .thenApply(outcome -> new double[] {elapsed(start.get()), cpu(pid.get())});
      ProcessBuilder builder =
          RuntimeClientProcess.builder(
              api,
              options,
              classpaths.of(side, true),
              handler.getName(),
              "bench-" + side,
              "bench",
              Map.of(
                  BenchClient.ENDPOINT_VARIABLE,
                  endpoint,
                  BenchClient.TABLE_VARIABLE,
                  SideBySide.table(side)));
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      start.set(System.nanoTime());
      Process process = builder.start();
      pid.set(process.pid());
      CompletableFuture<Void> watchdog = ChildJvm.killAfterTimeout(process);
      try {
        Outcome outcome = invocation.await(TIMEOUT);
        if (outcome.kind() != Kind.RESPONSE || !outcome.body().contains(orderId)) {
          throw new IllegalStateException(
              side + " under the runtime client: " + outcome + "\n" + Files.readString(log));
        }
        double[] wallAndCpu = measured.get();
        List<String> loads = classLog == null ? List.of() : Files.readAllLines(classLog);
        return new ChildJvm.Measurement(wallAndCpu[0], wallAndCpu[1], loads);
      } finally {
        process.destroyForcibly();
        ChildJvm.finish(process, watchdog);
      }
    }
  }

  private static String receiptEvent(String orderId) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"customerId\":\"c-1\",\"amountCents\":1999,\"currency\":\"EUR\"}";
  }

  private static double elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static double cpu(long pid) {
    try {
      return ChildJvm.cpuMillis(pid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
