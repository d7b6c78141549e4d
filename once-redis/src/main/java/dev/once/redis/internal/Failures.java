package dev.once.redis.internal;

import dev.once.CorruptRecordException;
import dev.once.StoreException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Turns what a client call throws into the store's typed errors: a record the scripts could not
 * judge ({@code ONCE_CORRUPT <field>}) or a key of another type ({@code WRONGTYPE}) into a {@link
 * CorruptRecordException}; everything else — connection, timeout, cluster, error replies — into a
 * {@link StoreException} keeping the client's exception as its cause. Errors are never swallowed;
 * {@code Error}s pass through untouched. Not API.
 */
public final class Failures {

  private static final String CORRUPT = "ONCE_CORRUPT ";

  private Failures() {}

  /**
   * Runs {@code io}, translating its failures; {@code key} may be null (listing).
   *
   * @param <T> the reply type
   * @param operation the store operation's name, for the message, e.g. {@code "acquire"}
   * @param key the full key the call is about, or {@code null}
   * @param io the client call
   * @return what {@code io} returned
   * @throws StoreException when the client fails, keeping its exception as the cause
   * @throws CorruptRecordException when a script reports a field it cannot read
   */
  public static <T> T translated(String operation, String key, Supplier<T> io) {
    try {
      return io.get();
    } catch (CorruptRecordException | StoreException e) {
      throw e;
    } catch (JedisDataException e) {
      throw fromReply(operation, key, e);
    } catch (RuntimeException e) {
      throw new StoreException(
          "redis " + operation + (key == null ? "" : " of " + key) + " failed: " + e.getMessage(),
          key,
          e);
    }
  }

  private static RuntimeException fromReply(String operation, String key, JedisDataException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith(CORRUPT)) {
      String field = message.substring(CORRUPT.length());
      return new CorruptRecordException(
          key, field, "missing or malformed (judged by the script)", e);
    }
    if (message.startsWith("WRONGTYPE")) {
      return new CorruptRecordException(key, "(key type)", "the key holds no hash", e);
    }
    return new StoreException("redis " + operation + " of " + key + " failed: " + message, key, e);
  }
}
