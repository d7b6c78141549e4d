package dev.once.dynamodb;

import dev.once.dynamodb.testing.DynaliteServer;
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

  static DynamoDbStore freshStore(DynaliteServer dynalite) {
    return freshStore(dynalite.client());
  }

  static DynamoDbStore created(DynamoDbStore.Builder builder) {
    DynamoDbStore store = builder.build();
    store.createTable();
    return store;
  }
}
