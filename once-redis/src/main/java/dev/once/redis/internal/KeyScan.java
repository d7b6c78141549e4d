package dev.once.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Finds the store's keys with {@code SCAN ... MATCH <prefix>* TYPE hash}: on a single server
 * through the client, on a cluster on every node (each holds its own slots; replicas repeat their
 * primary's keys, which are counted once). For tools: it walks the whole keyspace. Not API.
 */
public final class KeyScan {

  private static final byte[] HASH = "hash".getBytes(StandardCharsets.US_ASCII);
  private static final int PAGE = 500;

  private final UnifiedJedis client;
  // RESP2 and RESP3 replies of these commands (EVALSHA, WAIT, SCAN) read the same.
  private final CommandObjects commands = new CommandObjects(RedisProtocol.RESP2);
  private final ScanParams params;

  /**
   * Prepares a scan; nothing is sent until {@link #forEach}.
   *
   * @param client a standalone, sentinel or cluster client
   * @param keyPrefix the store's key prefix; only keys starting with it are visited
   */
  public KeyScan(UnifiedJedis client, String keyPrefix) {
    this.client = client;
    this.params = new ScanParams().match(globEscaped(keyPrefix) + "*").count(PAGE);
  }

  /**
   * Visits the keys until {@code visitor} returns false or every node has been scanned.
   *
   * @param visitor takes a key (with its prefix); returns whether to go on
   */
  public void forEach(Predicate<byte[]> visitor) {
    if (client instanceof RedisClusterClient cluster) {
      Set<String> seen = new LinkedHashSet<>();
      for (ConnectionPool node : nodes(cluster)) {
        try (Connection connection = node.getResource()) {
          boolean more =
              scan(
                  cursor -> connection.executeCommand(commands.scan(cursor, params, HASH)),
                  key -> !seen.add(new String(key, StandardCharsets.UTF_8)) || visitor.test(key));
          if (!more) {
            return;
          }
        }
      }
    } else {
      scan(cursor -> client.scan(cursor, params, HASH), visitor);
    }
  }

  private interface Page {
    ScanResult<byte[]> from(byte[] cursor);
  }

  /** Pages through one node; false when the visitor stopped. */
  private static boolean scan(Page page, Predicate<byte[]> visitor) {
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    do {
      ScanResult<byte[]> result = page.from(cursor);
      for (byte[] key : result.getResult()) {
        if (!visitor.test(key)) {
          return false;
        }
      }
      cursor = result.getCursorAsBytes();
    } while (!ScanParams.SCAN_POINTER_START.equals(new String(cursor, StandardCharsets.US_ASCII)));
    return true;
  }

  private static Collection<ConnectionPool> nodes(RedisClusterClient cluster) {
    return new ArrayList<>(cluster.getClusterNodes().values());
  }

  /** {@code prefix} with the glob characters of MATCH escaped. */
  static String globEscaped(String prefix) {
    StringBuilder escaped = new StringBuilder();
    for (char c : prefix.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
