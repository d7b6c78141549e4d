/**
 * The SQL store over JDBC: {@code dev.once.jdbc} is its API; {@code dev.once.jdbc.internal} (SQL
 * text, row mapping, connections) is not exported.
 */
module dev.once.jdbc {
  requires transitive dev.once.core;
  requires transitive java.sql;
  requires org.slf4j;

  exports dev.once.jdbc;
}
