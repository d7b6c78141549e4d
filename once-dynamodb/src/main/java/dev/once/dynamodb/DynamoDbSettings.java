package dev.once.dynamodb;

import dev.once.spi.Require;
import dev.once.spi.Settings;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The settings of a {@link DynamoDbStore}, as its builder makes them and {@link
 * DynamoDbStoreConfig} reads them.
 */
final class DynamoDbSettings extends Settings<DynamoDbSettings> {

  /** The clock skew tolerated between callers unless set otherwise. */
  static final Duration DEFAULT_SKEW_TOLERANCE = Duration.ofSeconds(1);

  DynamoDbClient client;
  String tableName;
  TableLayout layout = TableLayout.partitionKey();
  AttributeNames names = AttributeNames.defaults();
  DataFormat dataFormat = DataFormat.BINARY;
  boolean powertools;
  Duration skewTolerance = DEFAULT_SKEW_TOLERANCE;

  /**
   * Checks the settings that go together.
   *
   * @throws IllegalStateException when the client or table name is missing, or an attribute name is
   *     also a key attribute
   */
  void checkTogether() {
    Require.state(
        client != null,
        "client is not set: pass your DynamoDbClient or DynamoDbStore.defaultClient()");
    Require.state(tableName != null, "tableName is not set");
    for (String name : names.all()) {
      // The message only on failure: the layout's record toString costs a cold start dearly.
      if (name.equals(layout.partitionKeyAttribute()) || name.equals(layout.keyAttribute())) {
        throw new IllegalStateException(
            "attribute name \"" + name + "\" is also a key attribute of " + layout);
      }
    }
  }
}
