package dev.once.jdbc;

class MySqlTransactionalTest extends TransactionalModeContract {
  @Override
  SqlDialect dialect() {
    return SqlDialect.MYSQL;
  }
}
