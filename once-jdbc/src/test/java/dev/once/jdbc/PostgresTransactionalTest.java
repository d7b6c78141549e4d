package dev.once.jdbc;

class PostgresTransactionalTest extends TransactionalModeContract {
  @Override
  SqlDialect dialect() {
    return SqlDialect.POSTGRESQL;
  }
}
