package dev.once.redis.bench;

import dev.once.redis.testing.RedisServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jedis against Lettuce for the Redis store: cold start (fresh JVM to the first completed {@code
 * EVALSHA}, wall and CPU), warm latency (sequential and 16 in flight), and the weight of each
 * client's jars with their transitive dependencies. Each sample is a fresh JVM ({@link
 * ClientColdStart}, run with Lambda's default {@code -XX:TieredStopAtLevel=1}) whose class path
 * holds only one client, the two clients alternating, against one local redis-server. Prints the
 * median of every column over the samples. Run: see once-redis/README.md. Arguments: [samples per
 * client, default 15] [warm calls per sample, default 2000].
 */
public final class ClientComparison {

  /** Each client's jars, by the path fragments of their Maven coordinates. */
  private static final Map<String, List<String>> CLIENT_JARS =
      Map.of(
          "jedis",
          List.of(
              "/redis/clients/", // jedis, redis-authx-core
              "/org/apache/commons/commons-pool2/",
              "/org/json/json/",
              "/com/google/code/gson/"),
          "lettuce",
          List.of("/io/lettuce/", "/io/netty/", "/io/projectreactor/", "/org/reactivestreams/"));

  /** What both samples carry: the scripts (once-redis classes) and SLF4J, as the store ships. */
  private static final List<String> COMMON_JARS = List.of("/org/slf4j/slf4j-");

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    List<String> classPath =
        List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try (RedisServer redis = RedisServer.start()) {
      for (int sample = 0; sample < samples; sample++) {
        for (String client : List.of("jedis", "lettuce")) {
          results
              .computeIfAbsent(client, k -> new ArrayList<>())
              .add(measure(client, classPathOf(client, classPath), redis.port(), warm));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%d fresh JVMs per client, alternating; %d warm calls each; %d cores; Java %s; %s%n",
          samples,
          warm,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          redis
              .info("server")
              .lines()
              .filter(l -> l.startsWith("redis_version"))
              .findFirst()
              .orElse("redis_version unknown"));
    }
    System.out.printf(
        "%-8s %9s %9s %9s %9s %9s %9s %9s %12s%n",
        "client",
        "cold ms",
        "cold min",
        "cpu ms",
        "seq med",
        "seq p99",
        "16x med",
        "16x p99",
        "jars KiB");
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      List<double[]> runs = entry.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-8s %9.0f %9.0f %9.0f %9.3f %9.3f %9.3f %9.3f %12s%n",
          entry.getKey(),
          median(runs, 0),
          min(runs, 0),
          median(runs, 1),
          median(runs, 2),
          median(runs, 3),
          median(runs, 4),
          median(runs, 5),
          jarWeight(entry.getKey(), classPath));
    }
    System.out.println("(latencies in ms: median over samples of each sample's median and p99)");
  }

  /** {cold wall ms, cold CPU ms, seq median, seq p99, 16x median, 16x p99} of one fresh JVM. */
  private static double[] measure(String client, String classPath, int port, int warm)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            classPath,
            ClientColdStart.class.getName(),
            client,
            Integer.toString(port),
            Integer.toString(warm));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        output.append(line).append('\n');
        if (line.startsWith("RESULT ")) {
          result = line;
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(client + " run failed with " + exit + ":\n" + output);
    }
    return Arrays.stream(result.split(" ")).skip(2).mapToDouble(Double::parseDouble).toArray();
  }

  /** The test classes, the common jars and this client's jars; never the other client's. */
  private static String classPathOf(String client, List<String> classPath) {
    List<String> kept = new ArrayList<>();
    for (String entry : classPath) {
      if (entry.endsWith("classes")
          || matches(entry, COMMON_JARS)
          || matches(entry, CLIENT_JARS.get(client))) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  private static String jarWeight(String client, List<String> classPath) {
    long bytes = 0;
    int jars = 0;
    for (String entry : classPath) {
      if (entry.endsWith(".jar") && matches(entry, CLIENT_JARS.get(client))) {
        try {
          bytes += Files.size(Path.of(entry));
          jars++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return String.format(Locale.ROOT, "%d (%d jars)", bytes / 1024, jars);
  }

  private static boolean matches(String entry, List<String> fragments) {
    String path = entry.replace(File.separatorChar, '/');
    return fragments.stream().anyMatch(path::contains);
  }

  private static double median(List<double[]> runs, int column) {
    double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return values[values.length / 2];
  }

  private static double min(List<double[]> runs, int column) {
    return runs.stream().mapToDouble(r -> r[column]).min().orElseThrow();
  }
}
