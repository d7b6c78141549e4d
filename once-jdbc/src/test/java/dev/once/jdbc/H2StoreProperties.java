package dev.once.jdbc;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreProperties;
import net.jqwik.api.PropertyDefaults;

@PropertyDefaults(tries = 200)
class H2StoreProperties extends IdempotencyStoreProperties {
  private final JdbcStore store = Databases.store(SqlDialect.H2, "property_records");

  @Override
  protected IdempotencyStore newStore() {
    return store;
  }
}
