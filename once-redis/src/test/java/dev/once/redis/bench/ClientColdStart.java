package dev.once.redis.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.once.redis.FieldNames;
import dev.once.redis.internal.Scripts;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One fresh JVM's measurement for {@link ClientComparison}: from JVM start to the first completed
 * {@code EVALSHA} of the store's acquire script (client built, connected, script called by SHA,
 * loaded with {@code EVAL} on {@code NOSCRIPT}) — wall and process CPU time — then warm latency of
 * the same call, sequential and 16 in flight. Arguments: {@code jedis|lettuce <port> <warm calls>}.
 * Prints one {@code RESULT} line.
 */
public final class ClientColdStart {

  private static final int IN_FLIGHT = 16;

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int port = Integer.parseInt(args[1]);
    int warm = Integer.parseInt(args[2]);
    Scripts.Script acquire = Scripts.render(FieldNames.defaults()).acquire();
    String run = kind + "-" + System.nanoTime() + "-";
    try (Client client = kind.equals("jedis") ? new JedisClient(port) : new LettuceClient(port)) {
      Object first = client.acquire(acquire, run + "cold");
      long coldWallMillis =
          System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      long coldCpuNanos =
          ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime();
      // Lettuce's OBJECT output hands an integer reply back in a list.
      if (!Long.valueOf(1).equals(first) && !List.of(1L).equals(first)) {
        throw new IllegalStateException("the cold acquire did not write: " + first);
      }
      long[] sequential = sequential(client, acquire, run + "seq-", warm);
      long[] parallel = inFlight(client, acquire, run + "par-", warm);
      System.out.printf(
          Locale.ROOT,
          "RESULT %s %d %.1f %.3f %.3f %.3f %.3f%n",
          kind,
          coldWallMillis,
          coldCpuNanos / 1e6,
          median(sequential),
          p99(sequential),
          median(parallel),
          p99(parallel));
    }
  }

  private static long[] sequential(Client client, Scripts.Script acquire, String prefix, int n) {
    long[] latencies = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      client.acquire(acquire, prefix + i);
      latencies[i] = System.nanoTime() - t0;
    }
    return latencies;
  }

  private static long[] inFlight(Client client, Scripts.Script acquire, String prefix, int n)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT);
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < IN_FLIGHT; t++) {
        String threadPrefix = prefix + t + "-";
        parts.add(threads.submit(() -> sequential(client, acquire, threadPrefix, n / IN_FLIGHT)));
      }
      long[] all = new long[0];
      for (Future<long[]> part : parts) {
        long[] latencies = part.get();
        int from = all.length;
        all = Arrays.copyOf(all, from + latencies.length);
        System.arraycopy(latencies, 0, all, from, latencies.length);
      }
      return all;
    } finally {
      threads.shutdownNow();
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  private static double p99(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
  }

  /** The acquire script on a fresh key, as the store will call it: by SHA, EVAL on NOSCRIPT. */
  private interface Client extends AutoCloseable {
    Object acquire(Scripts.Script script, String key);

    static List<byte[]> arguments(String key) {
      Function<String, byte[]> utf8 = s -> s.getBytes(StandardCharsets.UTF_8);
      return List.of(
          utf8.apply(""),
          utf8.apply("30000000"),
          utf8.apply("3600000000"),
          utf8.apply(key + "-lease"),
          utf8.apply("validation"));
    }
  }

  private static final class JedisClient implements Client {
    private final RedisClient redis;

    JedisClient(int port) {
      ConnectionPoolConfig pool = new ConnectionPoolConfig();
      pool.setMaxTotal(IN_FLIGHT);
      pool.setMaxIdle(IN_FLIGHT);
      redis =
          RedisClient.builder()
              .hostAndPort(new HostAndPort("127.0.0.1", port))
              .clientConfig(DefaultJedisClientConfig.builder().build())
              .poolConfig(pool)
              .build();
    }

    @Override
    public Object acquire(Scripts.Script script, String key) {
      List<byte[]> keys = List.of(key.getBytes(StandardCharsets.UTF_8));
      try {
        return redis.evalsha(script.sha(), keys, Client.arguments(key));
      } catch (JedisNoScriptException e) {
        return redis.eval(script.text(), keys, Client.arguments(key));
      }
    }

    @Override
    public void close() {
      redis.close();
    }
  }

  private static final class LettuceClient implements Client {
    private final io.lettuce.core.RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> redis;

    LettuceClient(int port) {
      client = io.lettuce.core.RedisClient.create(RedisURI.create("127.0.0.1", port));
      connection = client.connect(ByteArrayCodec.INSTANCE);
      redis = connection.sync();
    }

    @Override
    public Object acquire(Scripts.Script script, String key) {
      byte[][] keys = {key.getBytes(StandardCharsets.UTF_8)};
      byte[][] args = Client.arguments(key).toArray(byte[][]::new);
      try {
        return redis.evalsha(script.shaHex(), ScriptOutputType.OBJECT, keys, args);
      } catch (RedisNoScriptException e) {
        return redis.eval(script.text(), ScriptOutputType.OBJECT, keys, args);
      }
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown();
    }
  }
}
