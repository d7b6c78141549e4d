package dev.once.jdbc.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * What an acquire statement binds.
 *
 * @param key the key
 * @param lease the caller's fresh lease
 * @param validation the payload digest, or {@code null}
 * @param nowMillis the base time in epoch milliseconds, or {@code null} for the database's clock
 * @param leaseMillis the lease end, in milliseconds after the base time
 * @param expiryMillis the record's expiry, in milliseconds after the base time (the store keeps it
 *     no earlier than a second past the lease end, rounded up to the second)
 */
public record AcquireArgs(
    String key,
    String lease,
    String validation,
    Long nowMillis,
    long leaseMillis,
    long expiryMillis) {

  Map<String, Object> values() {
    Map<String, Object> values = new HashMap<>();
    values.put("key", key);
    values.put("lease", lease);
    values.put("validation", validation);
    values.put("now", nowMillis);
    values.put("lease_ms", leaseMillis);
    values.put("expiry_ms", expiryMillis);
    return values;
  }
}
