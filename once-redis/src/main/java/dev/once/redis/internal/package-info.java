/**
 * The Redis store's machinery: the Lua scripts and their arguments ({@code Scripts}, {@code
 * ScriptArguments}), running them by SHA ({@code ScriptCalls}), reading hashes back as records,
 * scanning keys, and turning client errors into the store's typed errors. Start with {@code
 * Scripts} and the scripts under {@code resources}.
 *
 * <p>Not exported by the module, not an API. The classes are immutable and thread-safe.
 */
package dev.once.redis.internal;
