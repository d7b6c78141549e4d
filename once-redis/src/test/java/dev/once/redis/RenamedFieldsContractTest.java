package dev.once.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.redis.testing.RedisServer;
import dev.once.spi.AcquireRequest;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.TimeSource;
import dev.once.testkit.IdempotencyStoreContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The store contract with every field renamed — quotes, spaces, a backslash, non-ASCII, Lua syntax
 * — and a key prefix full of glob characters, so that the scripts' rendered literals and the
 * listing's MATCH pattern are both exercised.
 */
class RenamedFieldsContractTest extends IdempotencyStoreContract {

  static final FieldNames ODD =
      new FieldNames("st'atus", "exp\"iry", "lease end]]", "val\\idation", "dätä", "le--ase");

  private RedisStore redisStore;

  @Override
  protected IdempotencyStore newStore() {
    redisStore =
        RedisStore.builder()
            .client(Stores.singleClient())
            .keyPrefix("odd*[" + UUID.randomUUID() + "]?{x}\\:")
            .fieldNames(ODD)
            .timeSource(TimeSource.CALLER)
            .build();
    return redisStore;
  }

  @Test
  void theHashCarriesTheConfiguredNames() {
    redisStore.acquire(
        new AcquireRequest(
            key("n"), "the-lease", "digest", clock().instant(), LEASE, Duration.ofHours(1)));

    String redisKey = new String(redisStore.redisKey(key("n")), StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    List<Object> fields = (List<Object>) RedisServer.shared().command("HKEYS", redisKey);
    assertThat(fields)
        .containsExactlyInAnyOrder("st'atus", "exp\"iry", "lease end]]", "val\\idation", "le--ase");
  }
}
