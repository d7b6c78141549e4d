/**
 * The Redis / Valkey store: {@code dev.once.redis} is its API; {@code dev.once.redis.internal} (the
 * Lua scripts and their calls) is not exported.
 */
module dev.once.redis {
  requires transitive dev.once.core;
  requires transitive redis.clients.jedis;

  exports dev.once.redis;
}
