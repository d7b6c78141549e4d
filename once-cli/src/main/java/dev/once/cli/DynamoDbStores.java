package dev.once.cli;

import dev.once.dynamodb.DynamoDbStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Opens the DynamoDB store that {@code --store dynamodb} names. */
final class DynamoDbStores {

  private DynamoDbStores() {}

  /**
   * A client for the options (the store's default client, with the endpoint and region given) and
   * the store over it; creates the table first with {@code --create-table}.
   */
  static StoreFactory.OpenStore open(StoreOptions options) {
    DynamoDbClientBuilder builder = DynamoDbStore.defaultClientBuilder();
    if (options.region != null) {
      builder.region(Region.of(options.region));
    }
    if (options.endpoint != null) {
      builder.endpointOverride(options.endpoint);
      if (options.region == null && !regionInEnvironment()) {
        builder.region(Region.US_EAST_1);
      }
      // A local endpoint (dynalite, DynamoDB Local) takes any credentials.
      builder.credentialsProvider(
          AwsCredentialsProviderChain.of(
              DefaultCredentialsProvider.builder().build(),
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
    }
    DynamoDbClient client = builder.build();
    try {
      DynamoDbStore store = DynamoDbStore.builder().client(client).tableName(options.table).build();
      if (options.createTable) {
        store.createTable();
      }
      return new StoreFactory.OpenStore(store, client);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private static boolean regionInEnvironment() {
    return System.getenv("AWS_REGION") != null || System.getenv("AWS_DEFAULT_REGION") != null;
  }
}
