package dev.once.jdbc;

class MariaDbTransactionalTest extends TransactionalModeContract {
  @Override
  SqlDialect dialect() {
    return SqlDialect.MARIADB;
  }
}
