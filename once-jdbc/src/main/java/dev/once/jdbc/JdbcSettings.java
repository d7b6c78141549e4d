package dev.once.jdbc;

import dev.once.spi.Settings;
import dev.once.spi.TimeSource;
import javax.sql.DataSource;

/**
 * The settings of a {@link JdbcStore}, as its builder makes them and {@link JdbcStoreConfig} reads
 * them.
 */
final class JdbcSettings extends Settings<JdbcSettings> {

  static final String DEFAULT_TABLE_NAME = "once_records";

  DataSource dataSource;
  String tableName = DEFAULT_TABLE_NAME;
  SqlDialect dialect;
  TimeSource timeSource = TimeSource.STORE;

  JdbcSettings(DataSource dataSource) {
    this.dataSource = dataSource;
  }
}
