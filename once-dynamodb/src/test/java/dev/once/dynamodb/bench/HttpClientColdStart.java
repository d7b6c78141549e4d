package dev.once.dynamodb.bench;

import dev.once.Idempotency;
import dev.once.dynamodb.DynamoDbStore;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One fresh JVM's measurement for {@link HttpClientComparison}: the time from JVM start to the
 * first completed idempotent call (client built, acquire, complete), then warm first-call latency.
 * Arguments: {@code urlconnection|apache|crt <endpoint> <table> <warm calls>}. Prints one line.
 */
public final class HttpClientColdStart {

  public static void main(String[] args) {
    String kind = args[0];
    DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(args[1]))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
            .httpClient(httpClient(kind))
            .build();
    Idempotency once =
        Idempotency.builder(DynamoDbStore.builder().client(client).tableName(args[2]).build())
            .build();
    String run = kind + "-" + System.nanoTime();
    once.call(run + "-cold", String.class, () -> "receipt");
    long coldMillis =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    int warm = Integer.parseInt(args[3]);
    long[] latencies = new long[warm];
    for (int i = 0; i < warm; i++) {
      long t0 = System.nanoTime();
      once.call(run + "-" + i, String.class, () -> "receipt");
      latencies[i] = System.nanoTime() - t0;
    }
    Arrays.sort(latencies);
    long[] measured = latencies;
    System.out.printf(
        java.util.Locale.ROOT,
        "RESULT %s %d %.3f %.3f%n",
        kind,
        coldMillis,
        measured[measured.length / 2] / 1e6,
        measured[(int) Math.ceil(measured.length * 0.99) - 1] / 1e6);
    client.close();
  }

  private static SdkHttpClient httpClient(String kind) {
    return switch (kind) {
      case "urlconnection" -> UrlConnectionHttpClient.builder().build();
      case "apache" -> ApacheHttpClient.builder().build();
      case "crt" -> AwsCrtHttpClient.builder().build();
      default -> throw new IllegalArgumentException("unknown HTTP client " + kind);
    };
  }
}
