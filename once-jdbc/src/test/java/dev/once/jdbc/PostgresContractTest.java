package dev.once.jdbc;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;

class PostgresContractTest extends IdempotencyStoreContract {
  @Override
  protected IdempotencyStore newStore() {
    return Databases.store(SqlDialect.POSTGRESQL, "contract_records");
  }
}
