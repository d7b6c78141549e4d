package dev.once.dynamodb;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The settings of a {@link DynamoDbStore}, readable: {@link DynamoDbStore#config()}. Each getter
 * names its setting's default; the setters of {@link DynamoDbStore.Builder} have the same names. A
 * variant starts from it: {@link DynamoDbStore#builder(DynamoDbStoreConfig)} or {@link
 * DynamoDbStore#newBuilder()}.
 *
 * <p>Immutable and thread-safe; the client it holds is the one that was set, shared with every
 * store built from it.
 */
public final class DynamoDbStoreConfig {

  private final DynamoDbSettings settings;

  DynamoDbStoreConfig(DynamoDbSettings settings) {
    this.settings = settings;
  }

  /** A copy of the settings, for a builder to change. */
  DynamoDbSettings settings() {
    return settings.copy();
  }

  /**
   * The client the store calls DynamoDB with.
   *
   * @return the client; required, no default
   */
  public DynamoDbClient client() {
    return settings.client;
  }

  /**
   * The table records are kept in.
   *
   * @return the table's name; required, no default
   */
  public String tableName() {
    return settings.tableName;
  }

  /**
   * Where the key goes.
   *
   * @return the layout; default {@link TableLayout#partitionKey()}, partition key {@code id}
   */
  public TableLayout layout() {
    return settings.layout;
  }

  /**
   * The names of the attributes other than the key.
   *
   * @return the names; default {@link AttributeNames#defaults()}
   */
  public AttributeNames attributeNames() {
    return settings.names;
  }

  /**
   * How results are written.
   *
   * @return the format; default {@link DataFormat#BINARY}, {@link DataFormat#STRING} when
   *     Powertools-compatible
   */
  public DataFormat dataFormat() {
    return settings.dataFormat;
  }

  /**
   * Whether records are written as Powertools for AWS Lambda (Java) writes them.
   *
   * @return true after {@link DynamoDbStore.Builder#powertoolsCompatible()}; default false
   */
  public boolean powertoolsCompatible() {
    return settings.powertools;
  }

  /**
   * How far apart the clocks of the callers sharing the table may be: a takeover of an in-progress
   * record waits this long past the end of its lease.
   *
   * @return the tolerance; default one second
   */
  public Duration clockSkewTolerance() {
    return settings.skewTolerance;
  }

  /**
   * The settings, for logs.
   *
   * @return the table, layout, attribute names, data format and skew tolerance
   */
  @Override
  public String toString() {
    return "DynamoDbStoreConfig[tableName="
        + settings.tableName
        + ", layout="
        + settings.layout
        + ", attributeNames="
        + settings.names
        + ", dataFormat="
        + settings.dataFormat
        + ", powertoolsCompatible="
        + settings.powertools
        + ", clockSkewTolerance="
        + settings.skewTolerance
        + "]";
  }
}
