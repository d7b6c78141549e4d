package dev.once.jdbc;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;

class MySqlContractTest extends IdempotencyStoreContract {
  @Override
  protected IdempotencyStore newStore() {
    return Databases.store(SqlDialect.MYSQL, "contract_records");
  }
}
