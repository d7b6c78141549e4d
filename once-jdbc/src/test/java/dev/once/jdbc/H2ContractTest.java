package dev.once.jdbc;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;

class H2ContractTest extends IdempotencyStoreContract {
  @Override
  protected IdempotencyStore newStore() {
    return Databases.store(SqlDialect.H2, "contract_records");
  }
}
