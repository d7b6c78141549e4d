package dev.once.jdbc;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreProperties;
import net.jqwik.api.PropertyDefaults;

@PropertyDefaults(tries = 200)
class MySqlStoreProperties extends IdempotencyStoreProperties {
  private final JdbcStore store = Databases.store(SqlDialect.MYSQL, "property_records");

  @Override
  protected IdempotencyStore newStore() {
    return store;
  }
}
