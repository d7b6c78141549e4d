package dev.once.redis;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreProperties;

/** The testkit's state-machine properties on the 3-primary cluster, through the cluster client. */
class ClusterStoreProperties extends IdempotencyStoreProperties {

  private static RedisStore store;

  @Override
  protected synchronized IdempotencyStore newStore() {
    if (store == null) {
      store = Stores.cluster();
    }
    return store;
  }
}
