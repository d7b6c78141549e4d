/**
 * The SQL store over JDBC (PostgreSQL, MySQL / MariaDB, H2), and its transactional mode, which
 * commits the record in the same transaction as the caller's own writes. Start with {@link
 * dev.once.jdbc.JdbcStore} and {@link dev.once.jdbc.JdbcStoreConfig}; {@link
 * dev.once.jdbc.SqlDialect} holds each database's table DDL.
 *
 * <p>A built store is immutable and thread-safe, and borrows a connection per operation from the
 * caller's {@code DataSource}. A stable API.
 */
package dev.once.jdbc;
