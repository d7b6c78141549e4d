package dev.once.dynamodb;

import dev.once.StoreException;
import dev.once.dynamodb.internal.ItemMapper;
import dev.once.dynamodb.internal.Listing;
import dev.once.dynamodb.internal.Requests;
import dev.once.dynamodb.internal.TableCreator;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.Require;
import dev.once.spi.WriteOutcome;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The DynamoDB idempotency store, on the AWS SDK for Java v2.
 *
 * <pre>{@code
 * IdempotencyStore store = DynamoDbStore.builder()
 *     .client(DynamoDbStore.defaultClient())
 *     .tableName("idempotency")
 *     .build();
 * }</pre>
 *
 * <p>{@link #acquire} is one conditional {@code PutItem} that asks for the old item on conflict;
 * where the endpoint does not return it, one strongly consistent {@code GetItem} follows. {@link
 * #complete} and {@link #release} are conditional on the caller's lease. Every SDK error (after the
 * client's own retries) becomes a {@link StoreException} that keeps the cause.
 *
 * <p>Thread-safe, as the {@link DynamoDbClient} it wraps. The store does not own the client: close
 * the client yourself.
 */
public final class DynamoDbStore implements IdempotencyStore {

  /** DynamoDB's item size limit, attribute names included. */
  static final int ITEM_LIMIT_BYTES = 400 * 1024;

  /** Room kept for every attribute but {@code data}: generous, as keys may reach 2 KB. */
  static final int RESERVED_BYTES = 8 * 1024;

  /** Acquisitions tried when the record found on conflict vanishes before it can be read. */
  static final int ACQUIRE_ATTEMPTS = 3;

  private final DynamoDbStoreConfig config;
  private final DynamoDbClient client;
  private final String tableName;
  private final TableLayout layout;
  private final AttributeNames names;
  private final ItemMapper mapper;
  private final Requests requests;
  private final Listing listing;
  private final int maxDataBytes;
  private final Duration skewTolerance;

  private DynamoDbStore(DynamoDbStoreConfig config) {
    DynamoDbSettings settings = config.settings();
    this.config = config;
    this.client = settings.client;
    this.tableName = settings.tableName;
    this.layout = settings.layout;
    this.names = settings.names;
    this.mapper = new ItemMapper(layout, names, settings.dataFormat);
    this.skewTolerance = settings.skewTolerance;
    this.requests = new Requests(tableName, layout, names, mapper, skewTolerance);
    this.listing = new Listing(client, tableName, layout, names, mapper);
    this.maxDataBytes = ITEM_LIMIT_BYTES - RESERVED_BYTES - mapper.namesLength();
  }

  /**
   * A builder; {@link Builder#client} and {@link Builder#tableName} are required.
   *
   * @return a new builder with every default
   */
  public static Builder builder() {
    return new Builder(new DynamoDbSettings());
  }

  /**
   * A builder holding {@code config}'s settings, to derive a variant (another table, say).
   *
   * @param config the settings to start from
   * @return a new builder
   */
  public static Builder builder(DynamoDbStoreConfig config) {
    return new Builder(config.settings());
  }

  /**
   * This store's settings.
   *
   * @return the config it was built with
   */
  public DynamoDbStoreConfig config() {
    return config;
  }

  /**
   * A builder holding this store's settings, to derive a variant: {@code builder(config())}.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return builder(config);
  }

  /**
   * A client for Lambda: the URL-connection HTTP client (fastest cold start, see the README),
   * region and credentials from the environment, the SDK's standard retries (throttling, 5xx,
   * timeouts; 4 attempts) and short timeouts. Reads the environment when built, as every default
   * SDK client does.
   *
   * @return a new client, owned by the caller (close it when the store is no longer used)
   */
  public static DynamoDbClient defaultClient() {
    return defaultClientBuilder().build();
  }

  /**
   * The builder behind {@link #defaultClient()}, to set a region, endpoint or credentials first.
   *
   * @return a new builder with the HTTP client, retries and timeouts of {@link #defaultClient()}
   */
  public static DynamoDbClientBuilder defaultClientBuilder() {
    return DynamoDbClient.builder()
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5)))
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(4).build())
                    .apiCallAttemptTimeout(Duration.ofSeconds(3))
                    .apiCallTimeout(Duration.ofSeconds(10)));
  }

  @Override
  public AcquireResult acquire(AcquireRequest request) {
    Objects.requireNonNull(request, "request");
    PutItemRequest put = requests.acquire(request);
    String key = request.key();
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> old = call("PutItem", key, () -> conditionalPut(put));
      if (old == null) {
        return AcquireResult.acquired();
      }
      if (!old.isEmpty()) {
        return AcquireResult.existing(mapper.record(old));
      }
      Optional<IdempotencyRecord> current = find(key);
      if (current.isPresent() && holds(current.get(), request.now())) {
        return AcquireResult.existing(current.get());
      }
      if (attempt == ACQUIRE_ATTEMPTS) {
        throw new StoreException(
            "DynamoDB table "
                + tableName
                + ": key "
                + key
                + " changed under every one of "
                + ACQUIRE_ATTEMPTS
                + " acquisitions; try again",
            key,
            null);
      }
    }
  }

  /** True when {@code record} still blocks an acquisition at {@code now}, as the condition says. */
  private boolean holds(IdempotencyRecord record, Instant now) {
    return !record.isExpired(now) && !record.isInProgressExpired(now.minus(skewTolerance));
  }

  /** {@code null} when written; the old item on conflict, empty when none came back. */
  private Map<String, AttributeValue> conditionalPut(PutItemRequest put) {
    try {
      client.putItem(put);
      return null;
    } catch (ConditionalCheckFailedException e) {
      return e.hasItem() ? e.item() : Map.of();
    }
  }

  @Override
  public WriteOutcome complete(Completion completion) {
    Objects.requireNonNull(completion, "completion");
    UpdateItemRequest update = requests.complete(completion);
    return call(
        "UpdateItem", completion.key(), () -> conditionally(() -> client.updateItem(update)));
  }

  @Override
  public WriteOutcome extend(LeaseExtension extension) {
    Objects.requireNonNull(extension, "extension");
    UpdateItemRequest update = requests.extend(extension);
    return call(
        "UpdateItem", extension.key(), () -> conditionally(() -> client.updateItem(update)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One conditional {@code DeleteItem}; when refused, the old item it returns (or, where the
   * endpoint returns none, one consistent {@code GetItem}) tells a lost lease from a record gone.
   */
  @Override
  public ReleaseOutcome release(String key, String lease) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lease, "lease");
    DeleteItemRequest delete = requests.release(key, lease);
    Map<String, AttributeValue> old = call("DeleteItem", key, () -> conditionalDelete(delete));
    if (old == null) {
      return ReleaseOutcome.RELEASED;
    }
    if (!old.isEmpty()) {
      return ReleaseOutcome.LEASE_LOST;
    }
    return find(key).isPresent() ? ReleaseOutcome.LEASE_LOST : ReleaseOutcome.ABSENT;
  }

  /** {@code null} when deleted; the old item on refusal, empty when none came back. */
  private Map<String, AttributeValue> conditionalDelete(DeleteItemRequest delete) {
    try {
      client.deleteItem(delete);
      return null;
    } catch (ConditionalCheckFailedException e) {
      return e.hasItem() ? e.item() : Map.of();
    }
  }

  /** Runs a write conditional on the lease: a failed condition means the lease is lost. */
  private static WriteOutcome conditionally(Runnable write) {
    try {
      write.run();
      return WriteOutcome.WRITTEN;
    } catch (ConditionalCheckFailedException e) {
      return WriteOutcome.LEASE_LOST;
    }
  }

  @Override
  public Optional<IdempotencyRecord> find(String key) {
    Objects.requireNonNull(key, "key");
    GetItemRequest get = requests.find(key);
    Map<String, AttributeValue> item = call("GetItem", key, () -> client.getItem(get).item());
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(mapper.record(item));
  }

  @Override
  public boolean purge(String key) {
    Objects.requireNonNull(key, "key");
    DeleteItemRequest delete = requests.purge(key);
    DeleteItemResponse response = call("DeleteItem", key, () -> client.deleteItem(delete));
    return response.hasAttributes() && !response.attributes().isEmpty();
  }

  @Override
  public List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit) {
    Objects.requireNonNull(statuses, "statuses");
    Require.notNegative("limit", limit);
    if (statuses.isEmpty() || limit == 0) {
      return List.of();
    }
    List<Map<String, AttributeValue>> items =
        call(
            mapper.partitionValue() == null ? "Scan" : "Query",
            null,
            () -> listing.items(statuses, limit));
    List<IdempotencyRecord> records = new ArrayList<>(items.size());
    for (Map<String, AttributeValue> item : items) {
      records.add(mapper.record(item));
    }
    return records;
  }

  /**
   * {@inheritDoc}
   *
   * <p>DynamoDB's 400 KB item limit, less 8 KB kept for the key and the other attributes.
   */
  @Override
  public OptionalInt maxDataBytes() {
    return OptionalInt.of(maxDataBytes);
  }

  /**
   * Creates the table this store uses if it does not exist: on-demand billing, the layout's key
   * schema, and TTL on the expiration attribute; waits until it is active.
   *
   * @return true when created, false when it existed already
   * @throws StoreException when DynamoDB refuses or cannot be reached
   */
  public boolean createTable() {
    return call(
        "CreateTable",
        null,
        () -> new TableCreator(client, tableName, layout, names.expiration()).create());
  }

  /**
   * The table's name.
   *
   * @return the name as configured
   */
  public String tableName() {
    return tableName;
  }

  /**
   * The clock skew between callers that a takeover of an in-progress record waits out.
   *
   * @return the configured tolerance; zero or positive
   */
  public Duration clockSkewTolerance() {
    return skewTolerance;
  }

  /** Runs one SDK call; any SDK error becomes a {@link StoreException} keeping the cause. */
  private <T> T call(String operation, String key, Supplier<T> call) {
    try {
      return call.get();
    } catch (StoreException e) {
      throw e;
    } catch (SdkException | IllegalStateException | UncheckedIOException e) {
      throw new StoreException(
          "DynamoDB "
              + operation
              + " on table "
              + tableName
              + (key == null ? "" : " for key " + key)
              + " failed: "
              + e.getMessage(),
          key,
          e);
    }
  }

  /**
   * Builds a {@link DynamoDbStore}. Setters check their value at once and name it; each setting is
   * documented on the {@link DynamoDbStoreConfig} getter of the same name. {@link #build()} checks
   * the settings together and has no side effects (no network). Not thread-safe.
   */
  public static final class Builder {
    private final DynamoDbSettings settings;
    private final Set<String> made = new HashSet<>();

    private Builder(DynamoDbSettings settings) {
      this.settings = settings;
    }

    /**
     * The client; required. See {@link DynamoDbStore#defaultClient()}.
     *
     * @param client the SDK client, which the store does not close
     * @return this builder
     */
    public Builder client(DynamoDbClient client) {
      settings.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The table; required.
     *
     * @param tableName 3 to 255 of a-z, A-Z, 0-9, '_', '-', '.'
     * @return this builder
     * @throws IllegalArgumentException naming it when it is no valid table name
     */
    public Builder tableName(String tableName) {
      Objects.requireNonNull(tableName, "tableName");
      if (!tableName.matches("[a-zA-Z0-9_.-]{3,255}")) {
        throw new IllegalArgumentException(
            "tableName must be 3 to 255 of a-z, A-Z, 0-9, '_', '-', '.' but was \""
                + tableName
                + "\"");
      }
      settings.tableName = tableName;
      return this;
    }

    /**
     * Where the key goes; see {@link DynamoDbStoreConfig#layout()}.
     *
     * @param layout the layout
     * @return this builder
     */
    public Builder layout(TableLayout layout) {
      settings.layout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /**
     * The other attributes' names; see {@link DynamoDbStoreConfig#attributeNames()}.
     *
     * @param names the names
     * @return this builder
     */
    public Builder attributeNames(AttributeNames names) {
      settings.names = Objects.requireNonNull(names, "attributeNames");
      return this;
    }

    /**
     * How results are written; see {@link DynamoDbStoreConfig#dataFormat()}.
     *
     * @param dataFormat binary or string
     * @return this builder
     * @throws IllegalStateException when {@link #powertoolsCompatible()} was called on this builder
     *     and {@code dataFormat} is not {@link DataFormat#STRING}
     */
    public Builder dataFormat(DataFormat dataFormat) {
      Objects.requireNonNull(dataFormat, "dataFormat");
      Require.state(
          !made.contains("powertoolsCompatible") || dataFormat == DataFormat.STRING,
          "dataFormat " + dataFormat + " conflicts with powertoolsCompatible(), which stores text");
      made.add("dataFormat");
      settings.dataFormat = dataFormat;
      settings.powertools &= dataFormat == DataFormat.STRING;
      return this;
    }

    /**
     * Records as Powertools for AWS Lambda (Java) writes them: its attribute names (unless set
     * otherwise) and the result as a JSON String. Pair it with {@code
     * Idempotency.builder(store).keyFormat(KeyFormat.POWERTOOLS).keyPrefix("<function>.<method>")}.
     *
     * @return this builder
     * @throws IllegalStateException when a data format other than {@link DataFormat#STRING} was set
     *     on this builder
     */
    public Builder powertoolsCompatible() {
      Require.state(
          !made.contains("dataFormat") || settings.dataFormat == DataFormat.STRING,
          "powertoolsCompatible() conflicts with dataFormat " + settings.dataFormat);
      made.add("powertoolsCompatible");
      settings.powertools = true;
      settings.dataFormat = DataFormat.STRING;
      return this;
    }

    /**
     * How far apart the clocks of the callers sharing this table may be. DynamoDB has no clock a
     * condition can read, so expiry is judged by the caller's: an instance whose clock runs ahead
     * would see a live lease as ended. A takeover of an in-progress record therefore waits this
     * long past the end of its lease. Set it to the skew your hosts' clock synchronisation
     * guarantees (AWS hosts use the Amazon Time Sync Service). See {@link
     * DynamoDbStoreConfig#clockSkewTolerance()}.
     *
     * @param tolerance zero to one hour
     * @return this builder
     * @throws IllegalArgumentException naming it when negative or over an hour
     */
    public Builder clockSkewTolerance(Duration tolerance) {
      settings.skewTolerance =
          Require.between("clockSkewTolerance", tolerance, Duration.ZERO, Duration.ofHours(1));
      return this;
    }

    /**
     * Builds the store. No network calls; the builder can go on to build variants.
     *
     * @return a new store, with its own copy of the settings
     * @throws IllegalStateException when the client or table name is missing, or an attribute name
     *     collides with a key attribute
     */
    public DynamoDbStore build() {
      settings.checkTogether();
      return new DynamoDbStore(new DynamoDbStoreConfig(settings.copy()));
    }
  }
}
