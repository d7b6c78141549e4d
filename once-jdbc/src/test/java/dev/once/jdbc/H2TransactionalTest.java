package dev.once.jdbc;

class H2TransactionalTest extends TransactionalModeContract {
  @Override
  SqlDialect dialect() {
    return SqlDialect.H2;
  }
}
