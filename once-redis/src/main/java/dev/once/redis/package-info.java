/**
 * The Redis / Valkey store: one hash per key, each operation one Lua script, on a single server or
 * a Redis Cluster. Start with {@link dev.once.redis.RedisStore} and {@link
 * dev.once.redis.RedisStoreConfig}, its readable settings.
 *
 * <p>A built store is immutable and thread-safe, and shares its Jedis client. A stable API.
 */
package dev.once.redis;
