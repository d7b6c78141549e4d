package dev.once.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose a store; shared by every command that opens one. */
final class StoreOptions {

  /** The stores the command can open. */
  enum Kind {
    memory,
    dynamodb,
    redis,
    jdbc
  }

  @Option(
      names = "--store",
      paramLabel = "memory|dynamodb|redis|jdbc",
      description =
          "Where records live: memory (default: embedded, nothing to start), dynamodb, redis or"
              + " jdbc.")
  Kind kind = Kind.memory;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "DynamoDB endpoint, e.g. http://localhost:8000 (default: the region's).")
  URI endpoint;

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description = "DynamoDB table name; with jdbc, the records table (default: once_records).")
  String table;

  @Option(
      names = "--create-table",
      description =
          "Create the table when it does not exist (DynamoDB: on-demand, with TTL; jdbc: the"
              + " dialect's DDL).")
  boolean createTable;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region (default: from the environment, or us-east-1 with --endpoint).")
  String region;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Redis: redis://HOST:PORT or rediss:// (with --cluster: seed nodes, comma-separated)."
              + " jdbc: the JDBC URL, credentials included, e.g."
              + " jdbc:postgresql://localhost:5432/app?user=app&password=secret")
  String url;

  /** The Redis URLs of {@code --url}, as {@link #validate()} parsed them. */
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
      reject(region != null, "--region", "dynamodb");
      reject(kind != Kind.jdbc && table != null, "--table", "dynamodb or jdbc");
      reject(kind != Kind.jdbc && createTable, "--create-table", "dynamodb or jdbc");
    } else if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("--table is required with --store dynamodb");
    }
    if (kind != Kind.redis) {
      reject(cluster, "--cluster", "redis");
      reject(redisPrefix != null, "--redis-prefix", "redis");
    }
    switch (kind) {
      case redis -> urls = redisUrls();
      case jdbc -> {
        if (url == null || url.isBlank()) {
          throw new IllegalArgumentException("--url is required with --store jdbc");
        }
      }
      default -> reject(url != null, "--url", "redis or jdbc");
    }
    return this;
  }

  private List<URI> redisUrls() {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("--url is required with --store redis");
    }
    List<URI> parsed = new ArrayList<>();
    for (String each : url.split(",")) {
      URI uri;
      try {
        uri = URI.create(each.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--url must be redis://HOST:PORT or rediss://HOST:PORT but was " + each, e);
      }
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "--url must be redis://HOST:PORT or rediss://HOST:PORT but was " + uri);
      }
      parsed.add(uri);
    }
    if (parsed.size() > 1 && !cluster) {
      throw new IllegalArgumentException("--url takes several URLs with --cluster only");
    }
    return List.copyOf(parsed);
  }

  private static void reject(boolean given, String option, String store) {
    if (given) {
      throw new IllegalArgumentException(option + " applies to --store " + store + " only");
    }
  }

  /** A short description for reports: "memory", "dynamodb table T at URL". */
  String describe() {
    return switch (kind) {
      case memory -> "the memory store";
      case redis -> (cluster ? "redis cluster at " : "redis at ") + urls.get(0);
      case jdbc ->
          "jdbc table "
              + (table == null ? JdbcStores.DEFAULT_TABLE : table)
              + " at "
              + withoutSecrets(url);
      case dynamodb -> "dynamodb table " + table + (endpoint == null ? "" : " at " + endpoint);
    };
  }

  /** The URL without its query (where passwords go), for reports. */
  private static String withoutSecrets(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
