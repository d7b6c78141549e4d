package dev.once.dynamodb.bench;

import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start and warm latency of Once's DynamoDB store with the URL-connection, Apache and CRT HTTP
 * clients: each measurement a fresh JVM ({@link HttpClientColdStart}, run with Lambda's default
 * {@code -XX:TieredStopAtLevel=1}), the clients alternating, against one dynalite. Prints the
 * median over repetitions. Run: see once-dynamodb/README.md. Arguments: [repetitions, default 5]
 * [warm calls, default 200].
 */
public final class HttpClientComparison {

  private static final List<String> CLIENTS = List.of("urlconnection", "apache", "crt");

  public static void main(String[] args) throws Exception {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try (DynaliteServer dynalite = DynaliteServer.start()) {
      DynamoDbStore.builder().client(dynalite.client()).tableName("clients").build().createTable();
      for (int rep = 0; rep < repetitions; rep++) {
        for (String client : CLIENTS) {
          results
              .computeIfAbsent(client, k -> new ArrayList<>())
              .add(measure(client, dynalite.endpoint().toString(), warm));
        }
      }
    }
    System.out.printf(
        "%d fresh JVMs per client, %d warm calls each, %d cores, Java %s%n",
        repetitions,
        warm,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(
        "%-14s %16s %16s %16s%n", "client", "cold start ms", "warm median ms", "warm p99 ms");
    results.forEach(
        (client, runs) ->
            System.out.printf(
                Locale.ROOT,
                "%-14s %16.0f %16.3f %16.3f%n",
                client,
                median(runs, 0),
                median(runs, 1),
                median(runs, 2)));
  }

  /** {cold ms, warm median ms, warm p99 ms} of one fresh JVM. */
  private static double[] measure(String client, String endpoint, int warm) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            HttpClientColdStart.class.getName(),
            client,
            endpoint,
            "clients",
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
    String[] parts = result.split(" ");
    return new double[] {
      Double.parseDouble(parts[2]), Double.parseDouble(parts[3]), Double.parseDouble(parts[4])
    };
  }

  private static double median(List<double[]> runs, int column) {
    double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return values[values.length / 2];
  }
}
