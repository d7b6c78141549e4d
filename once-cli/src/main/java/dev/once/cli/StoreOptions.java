package dev.once.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The options that choose a store; shared by every command that opens one. */
final class StoreOptions {

  /** The stores the command can open. */
  enum Kind {
    memory,
    dynamodb,
    jdbc
  }

  @Option(
      names = "--store",
      paramLabel = "memory|dynamodb|jdbc",
      description =
          "Where records live: memory (default: embedded, nothing to start), dynamodb or jdbc.")
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
      names = "--url",
      paramLabel = "JDBC-URL",
      description =
          "With --store jdbc: the database, credentials included, e.g."
              + " jdbc:postgresql://localhost:5432/app?user=app&password=secret")
  String url;

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

  /** Checks the options together; the message names the option at fault. */
  StoreOptions validate() {
    if (kind == Kind.memory) {
      reject(endpoint != null, "--endpoint", "dynamodb");
      reject(table != null, "--table", "dynamodb or jdbc");
      reject(createTable, "--create-table", "dynamodb or jdbc");
      reject(region != null, "--region", "dynamodb");
      reject(url != null, "--url", "jdbc");
    } else if (kind == Kind.jdbc) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("--url is required with --store jdbc");
      }
      reject(endpoint != null, "--endpoint", "dynamodb");
      reject(region != null, "--region", "dynamodb");
    } else if (url != null) {
      reject(true, "--url", "jdbc");
    } else if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("--table is required with --store dynamodb");
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
    if (kind == Kind.jdbc) {
      return "jdbc table "
          + (table == null ? JdbcStores.DEFAULT_TABLE : table)
          + " at "
          + withoutSecrets(url);
    }
    return "dynamodb table " + table + (endpoint == null ? "" : " at " + endpoint);
  }

  /** The URL without its query (where passwords go), for reports. */
  private static String withoutSecrets(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
