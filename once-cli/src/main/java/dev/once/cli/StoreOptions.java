package dev.once.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The options that choose a store; shared by every command that opens one. */
final class StoreOptions {

  /** The stores the command can open. */
  enum Kind {
    memory,
    dynamodb
  }

  @Option(
      names = "--store",
      paramLabel = "memory|dynamodb",
      description = "Where records live: memory (default: embedded, nothing to start) or dynamodb.")
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

  /** Checks the options together; the message names the option at fault. */
  StoreOptions validate() {
    if (kind == Kind.memory) {
      reject(endpoint != null, "--endpoint");
      reject(table != null, "--table");
      reject(createTable, "--create-table");
      reject(region != null, "--region");
    } else if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("--table is required with --store dynamodb");
    }
    return this;
  }

  private static void reject(boolean given, String option) {
    if (given) {
      throw new IllegalArgumentException(option + " applies to --store dynamodb only");
    }
  }

  /** A short description for reports: "memory", "dynamodb table T at URL". */
  String describe() {
    if (kind == Kind.memory) {
      return "the memory store";
    }
    return "dynamodb table " + table + (endpoint == null ? "" : " at " + endpoint);
  }
}
