package dev.once.redis;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreProperties;

/** The testkit's state-machine properties on one redis-server; every try has a key of its own. */
class SingleServerStoreProperties extends IdempotencyStoreProperties {

  private static RedisStore store;

  @Override
  protected synchronized IdempotencyStore newStore() {
    if (store == null) {
      store = Stores.single();
    }
    return store;
  }
}
