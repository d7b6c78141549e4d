package dev.once.cli;

import dev.once.redis.RedisStore;
import redis.clients.jedis.UnifiedJedis;

/** Opens the Redis store that {@code --store redis} names. */
final class RedisStores {

  private RedisStores() {}

  /**
   * The store's default client for the URL (or, with {@code --cluster}, its cluster client for the
   * seed URLs) and the store over it, on the server's clock.
   *
   * @throws IllegalArgumentException when a URL is not a Redis URL
   */
  static StoreFactory.OpenStore open(StoreOptions options) {
    UnifiedJedis client =
        options.cluster
            ? RedisStore.defaultClusterClient(options.urls)
            : RedisStore.defaultClient(options.urls.get(0));
    try {
      RedisStore.Builder store = RedisStore.builder().client(client);
      if (options.redisPrefix != null) {
        store.keyPrefix(options.redisPrefix);
      }
      return new StoreFactory.OpenStore(store.build(), client);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
