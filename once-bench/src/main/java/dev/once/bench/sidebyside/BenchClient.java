package dev.once.bench.sidebyside;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one DynamoDB client both sides build, the same way: the URL-connection HTTP client (Once's
 * default, chosen for cold start), a fixed region and dummy credentials, the endpoint of the
 * benchmark's dynalite. Nothing from Once, so that the raw side loads none of it.
 */
public final class BenchClient {

  /** The environment variable that carries the endpoint into Lambda handlers. */
  public static final String ENDPOINT_VARIABLE = "BENCH_DYNAMODB_ENDPOINT";

  /** The environment variable that carries the table into Lambda handlers. */
  public static final String TABLE_VARIABLE = "BENCH_TABLE";

  private BenchClient() {}

  /**
   * Builds a client; the caller closes it.
   *
   * @param endpoint dynalite's {@code http://127.0.0.1:<port>}
   * @return a new client
   */
  public static DynamoDbClient create(String endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }
}
