package dev.once.jdbc;

import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;

class MariaDbContractTest extends IdempotencyStoreContract {
  @Override
  protected IdempotencyStore newStore() {
    return Databases.store(SqlDialect.MARIADB, "contract_records");
  }
}
