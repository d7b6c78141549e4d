package dev.once.jdbc;

import dev.once.spi.TimeSource;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The settings of a {@link JdbcStore}, readable: {@link JdbcStore#config()}. Each getter names its
 * setting's default; the setters of {@link JdbcStore.Builder} have the same names. A variant starts
 * from it: {@link JdbcStore#builder(JdbcStoreConfig)} or {@link JdbcStore#newBuilder()}.
 *
 * <p>Immutable and thread-safe; the data source it holds is the one that was set, shared with every
 * store built from it.
 */
public final class JdbcStoreConfig {

  private final JdbcSettings settings;

  JdbcStoreConfig(JdbcSettings settings) {
    this.settings = settings;
  }

  /** A copy of the settings, for a builder to change. */
  JdbcSettings settings() {
    return settings.copy();
  }

  /**
   * Where the store borrows its connections.
   *
   * @return the data source; required, no default
   */
  public DataSource dataSource() {
    return settings.dataSource;
  }

  /**
   * The records table, optionally schema-qualified.
   *
   * @return the table's name; default {@code once_records}
   */
  public String tableName() {
    return settings.tableName;
  }

  /**
   * The SQL dialect.
   *
   * @return the dialect set; empty (the default) when it is detected from the connection's metadata
   *     on first use
   */
  public Optional<SqlDialect> dialect() {
    return Optional.ofNullable(settings.dialect);
  }

  /**
   * Whose clock judges expiry and counts the times written.
   *
   * @return {@link TimeSource#STORE} (the default, the database's clock) or {@link
   *     TimeSource#CALLER}
   */
  public TimeSource timeSource() {
    return settings.timeSource;
  }

  /**
   * The settings, for logs.
   *
   * @return the table, dialect and time source
   */
  @Override
  public String toString() {
    return "JdbcStoreConfig[tableName="
        + settings.tableName
        + ", dialect="
        + (settings.dialect == null ? "detected" : settings.dialect)
        + ", timeSource="
        + settings.timeSource
        + "]";
  }
}
