package dev.once.cli;

import java.net.URI;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose a store; shared by every command that opens one. */
final class StoreOptions {

  /** The stores the command can open. */
  enum Kind {
    memory,
    dynamodb,
    redis
  }

  @Option(
      names = "--store",
      paramLabel = "memory|dynamodb|redis",
      description =
          "Where records live: memory (default: embedded, nothing to start), dynamodb or redis.")
  Kind kind = Kind.memory;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "DynamoDB endpoint, e.g. http://localhost:8000 (default: the region's).")
  URI endpoint;

  @Option(names = "--table", paramLabel = "TABLE", description = "DynamoDB table name.")
  String table;

  @Option(
      names = "--create-table",
      description = "Create the DynamoDB table (on-demand, with TTL) when it does not exist.")
  boolean createTable;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region (default: from the environment, or us-east-1 with --endpoint).")
  String region;

  @Option(
      names = "--url",
      split = ",",
      paramLabel = "redis://HOST:PORT",
      description =
          "Redis server URL, redis:// or rediss:// (with --cluster: seed nodes, comma-separated).")
  List<URI> urls;

  @Option(names = "--cluster", description = "The Redis URLs are seed nodes of a Redis Cluster.")
  boolean cluster;

  @Option(
      names = "--redis-prefix",
      paramLabel = "PREFIX",
      description = "Prefix of the store's Redis keys (default: once:).")
  String redisPrefix;

  /** Checks the options together; the message names the option at fault. */
  StoreOptions validate() {
    if (kind != Kind.dynamodb) {
      reject(endpoint != null, "--endpoint", "dynamodb");
      reject(table != null, "--table", "dynamodb");
      reject(createTable, "--create-table", "dynamodb");
      reject(region != null, "--region", "dynamodb");
    } else if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("--table is required with --store dynamodb");
    }
    if (kind != Kind.redis) {
      reject(urls != null, "--url", "redis");
      reject(cluster, "--cluster", "redis");
      reject(redisPrefix != null, "--redis-prefix", "redis");
    } else if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("--url is required with --store redis");
    } else if (urls.size() > 1 && !cluster) {
      throw new IllegalArgumentException("--url takes several URLs with --cluster only");
    } else {
      for (URI url : urls) {
        if (!"redis".equals(url.getScheme()) && !"rediss".equals(url.getScheme())
            || url.getHost() == null) {
          throw new IllegalArgumentException(
              "--url must be redis://HOST:PORT or rediss://HOST:PORT but was " + url);
        }
      }
    }
    return this;
  }

  private static void reject(boolean given, String option, String store) {
    if (given) {
      throw new IllegalArgumentException(option + " applies to --store " + store + " only");
    }
  }

  /** A short description for reports: "memory", "dynamodb table T at URL". */
  String describe() {
    if (kind == Kind.memory) {
      return "the memory store";
    }
    if (kind == Kind.redis) {
      return (cluster ? "redis cluster at " : "redis at ") + urls.get(0);
    }
    return "dynamodb table " + table + (endpoint == null ? "" : " at " + endpoint);
  }
}
