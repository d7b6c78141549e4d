package dev.once;

/**
 * The full key of a call and the digest of its validation part.
 *
 * @param key {@code prefix#digest}, as stored
 * @param validation the digest a duplicate must repeat, or {@code null} when validation is off
 */
record CallKey(String key, String validation) {}
