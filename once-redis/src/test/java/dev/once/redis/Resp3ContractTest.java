package dev.once.redis;

import dev.once.redis.testing.RedisServer;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.TimeSource;
import dev.once.testkit.IdempotencyStoreContract;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * The store contract through a client speaking RESP3, as a user's own client may: replies are typed
 * differently there (Lua false becomes a boolean, not nil), which the scripts avoid.
 */
class Resp3ContractTest extends IdempotencyStoreContract {

  private static RedisClient resp3;

  @Override
  protected IdempotencyStore newStore() {
    synchronized (Resp3ContractTest.class) {
      if (resp3 == null) {
        resp3 =
            RedisClient.builder()
                .hostAndPort(new HostAndPort("127.0.0.1", RedisServer.shared().port()))
                .clientConfig(DefaultJedisClientConfig.builder().resp3().build())
                .build();
      }
    }
    return Stores.builder(resp3).timeSource(TimeSource.CALLER).build();
  }

  @AfterAll
  static void closeClient() {
    if (resp3 != null) {
      resp3.close();
      resp3 = null;
    }
  }
}
