package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import dev.once.redis.testing.RedisCluster;
import dev.once.redis.testing.RedisExtension;
import dev.once.redis.testing.RedisServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/** The README's examples, compiled and run against redis-server and the test cluster. */
@ExtendWith(RedisExtension.class)
class ReadmeExampleTest {

  record Order(String orderId, long amount) {}

  record Receipt(String orderId, String chargeId) {}

  private final AtomicInteger charges = new AtomicInteger();

  private Receipt charge(Order order) {
    return new Receipt(order.orderId(), "ch-" + charges.incrementAndGet());
  }

  @Test
  void oneServer(RedisServer redis) {
    URI uri = redis.uri(); // redis://my-cache.example:6379 in the README
    try (RedisClient client = RedisStore.defaultClient(uri)) {
      RedisStore store = RedisStore.builder().client(client).build();
      Idempotency idempotency =
          Idempotency.builder(store).keyPrefix("payments.pay").keyPath("orderId").build();
      Order order = new Order("order-42", 1999);

      Receipt receipt = idempotency.call(order, Receipt.class, () -> charge(order));
      Receipt again = idempotency.call(order, Receipt.class, () -> charge(order));

      assertThat(again).isEqualTo(receipt);
      assertThat(charges).hasValue(1);
    }
  }

  @Test
  void cluster(RedisCluster nodes) {
    List<URI> seeds = List.of(nodes.uris().get(0)); // the configuration endpoint in the README
    try (RedisClusterClient cluster = RedisStore.defaultClusterClient(seeds)) {
      RedisStore store = RedisStore.builder().client(cluster).build();
      Idempotency idempotency =
          Idempotency.builder(store).keyPrefix("payments.pay").keyPath("orderId").build();
      Order order = new Order("order-43", 500);

      Receipt receipt = idempotency.call(order, Receipt.class, () -> charge(order));

      assertThat(idempotency.call(order, Receipt.class, () -> charge(order))).isEqualTo(receipt);
      assertThat(charges).hasValue(1);
    }
  }
}
