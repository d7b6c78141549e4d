package dev.once.cli;

import dev.once.InMemoryStore;
import dev.once.spi.IdempotencyStore;

/** Opens the store that {@link StoreOptions} name. Tests pass their own. */
@FunctionalInterface
interface StoreFactory {

  /**
   * Opens a store.
   *
   * @throws IllegalArgumentException when the options cannot make a store
   */
  OpenStore open(StoreOptions options);

  /** A store and what to close when done with it. */
  record OpenStore(IdempotencyStore store, AutoCloseable resources) implements AutoCloseable {
    static OpenStore of(IdempotencyStore store) {
      return new OpenStore(store, () -> {});
    }

    @Override
    public void close() throws Exception {
      resources.close();
    }
  }

  /** The stores of this build: memory, DynamoDB, Redis and JDBC. */
  StoreFactory DEFAULT =
      options ->
          switch (options.kind) {
            case memory -> OpenStore.of(new InMemoryStore());
            case dynamodb -> DynamoDbStores.open(options);
            case redis -> RedisStores.open(options);
            case jdbc -> JdbcStores.open(options);
          };
}
