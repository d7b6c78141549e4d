package dev.once.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL databases {@link JdbcStore} speaks, each with its own acquire statement (see the module
 * README for the statements and their round trips).
 *
 * <p>Set one with {@link JdbcStore.Builder#dialect(SqlDialect)}, or let the store detect it from
 * the connection's metadata ({@link #detect(DatabaseMetaData)}).
 */
public enum SqlDialect {
  /**
   * PostgreSQL 12 and later: acquire is one {@code INSERT … ON CONFLICT … DO UPDATE … WHERE …}
   * statement that also returns the live record when it refuses.
   */
  POSTGRESQL("postgresql.sql"),
  /**
   * MySQL 8 (and MariaDB before 10.5): without {@code RETURNING}, acquire reads first and writes
   * only when the key is free.
   */
  MYSQL("mysql.sql"),
  /**
   * MariaDB 10.5 and later: acquire is one {@code INSERT … ON DUPLICATE KEY UPDATE … RETURNING}
   * statement that returns the record as it stands after the statement.
   */
  MARIADB("mysql.sql"),
  /** H2 2.x (embedded: local runs and tests): acquire is one {@code MERGE}. */
  H2("h2.sql");

  private static final Pattern MARIADB_VERSION = Pattern.compile("(\\d+)\\.(\\d+)[^;]*mariadb");
  private static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

  private final String resource;

  SqlDialect(String resource) {
    this.resource = resource;
  }

  /**
   * The dialect of the database behind {@code metadata}: by product name, and for MariaDB by
   * version (RETURNING came in 10.5), whichever driver connects to it.
   *
   * @param metadata the metadata of a connection to the database
   * @return the matching dialect
   * @throws IllegalArgumentException naming the product when it is not one of these
   * @throws SQLException when the driver cannot tell
   */
  public static SqlDialect detect(DatabaseMetaData metadata) throws SQLException {
    return detect(metadata.getDatabaseProductName(), metadata.getDatabaseProductVersion());
  }

  static SqlDialect detect(String product, String version) {
    String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
    String full = (version == null ? "" : version).toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    if (name.contains("mariadb") || full.contains("mariadb")) {
      return hasReturning(full) ? MARIADB : MYSQL;
    }
    if (name.contains("mysql")) {
      return MYSQL;
    }
    throw new IllegalArgumentException(
        "no Once SQL dialect for database \""
            + product
            + "\" (version "
            + version
            + "); set one of "
            + Arrays.toString(values())
            + " if it speaks one of them");
  }

  /** MariaDB's version may follow a "5.5.5-" prefix that MySQL's protocol needed. */
  private static boolean hasReturning(String version) {
    Matcher matcher = MARIADB_VERSION.matcher(version.replaceFirst("^5\\.5\\.5-", ""));
    if (!matcher.find()) {
      return true; // a MariaDB too new or too odd to parse: the current syntax
    }
    int major = Integer.parseInt(matcher.group(1));
    int minor = Integer.parseInt(matcher.group(2));
    return major > 10 || (major == 10 && minor >= 5);
  }

  /**
   * The DDL of the records table and its expiry index, for {@code table} (as the resource {@code
   * dev/once/jdbc/<dialect>.sql} has it for {@code once_records}).
   *
   * @param table the records table's name, optionally schema-qualified
   * @return the DDL text: {@code CREATE TABLE} and {@code CREATE INDEX} statements with comments
   * @throws IllegalArgumentException when {@code table} is not a plain (optionally
   *     schema-qualified) identifier
   */
  public String ddl(String table) {
    requireTableName(table);
    String index = table.substring(table.lastIndexOf('.') + 1) + "_expires_at";
    return template().replace("once_records_expires_at", index).replace("once_records", table);
  }

  /** The DDL as separate statements, comments dropped. */
  List<String> ddlStatements(String table) {
    String withoutComments = ddl(table).replaceAll("--[^\n]*", "");
    return Arrays.stream(withoutComments.split(";"))
        .map(String::strip)
        .filter(statement -> !statement.isEmpty())
        .toList();
  }

  /**
   * Checks a table name: letters, digits and underscores, optionally {@code schema.table}.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  static String requireTableName(String table) {
    if (table == null || !TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "tableName must be an identifier of letters, digits and underscores, optionally"
              + " schema-qualified, but was \""
              + table
              + "\"");
    }
    return table;
  }

  private String template() {
    try (InputStream in = SqlDialect.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource dev/once/jdbc/" + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
