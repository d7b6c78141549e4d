package dev.once.dynamodb;

import dev.once.dynamodb.testing.DynaliteServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Fresh tables and stores for tests. */
final class Tables {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Tables() {}

  static String freshName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
  }

  /** A store over a new table with the default layout and names. */
  static DynamoDbStore freshStore(DynamoDbClient client) {
    return created(DynamoDbStore.builder().client(client).tableName(freshName("once")));
  }

  /**
   * A store over a new table for the testkit's contract and properties, which check the lease's
   * exact boundary: no clock skew tolerance ({@code SkewToleranceTest} covers the tolerance).
   */
  static DynamoDbStore freshExactStore(DynaliteServer dynalite) {
    return created(
        DynamoDbStore.builder()
            .client(dynalite.client())
            .tableName(freshName("once"))
            .clockSkewTolerance(Duration.ZERO));
  }

  static DynamoDbStore freshStore(DynaliteServer dynalite) {
    return freshStore(dynalite.client());
  }

  static DynamoDbStore created(DynamoDbStore.Builder builder) {
    DynamoDbStore store = builder.build();
    store.createTable();
    return store;
  }
}
