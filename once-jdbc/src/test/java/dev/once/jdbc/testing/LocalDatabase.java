package dev.once.jdbc.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What the test database servers have in common: a {@link DatabaseProcess} on a loopback port, JDBC
 * URLs (directly or through a proxy's port), connections and small pools, and the faults tests
 * inject (stop, restart). Thread-safe.
 */
public abstract sealed class LocalDatabase implements AutoCloseable
    permits PostgresServer, MariaDbServer {

  private final DatabaseProcess process;
  private final String urlPrefix;

  LocalDatabase(DatabaseProcess process, String urlPrefix) {
    this.process = process;
    this.urlPrefix = urlPrefix;
  }

  /** Connection properties: the user, and short timeouts so a stopped server fails fast. */
  abstract Properties properties();

  /** Creates {@code database} when it does not exist yet; returns its name. */
  public abstract String createDatabase(String database);

  /** The loopback port, the same across {@link #restart()}. */
  public final int port() {
    return process.port();
  }

  /** The JDBC URL of {@code database}. */
  public final String jdbcUrl(String database) {
    return jdbcUrl(port(), database);
  }

  /** The JDBC URL of {@code database} on another port (a proxy in front of this server). */
  public final String jdbcUrl(int viaPort, String database) {
    return urlPrefix + "127.0.0.1:" + viaPort + "/" + database;
  }

  /** A new connection to {@code database}. */
  public final Connection connect(String database) throws SQLException {
    return connect(port(), database);
  }

  /** A new connection to {@code database} through {@code viaPort}. */
  public final Connection connect(int viaPort, String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(viaPort, database), properties());
  }

  /** A small pool of connections to {@code database} (created when missing). */
  public final TestPool pool(String database, int size) {
    return pool(port(), database, size);
  }

  /** A small pool of connections to {@code database} through {@code viaPort}. */
  public final TestPool pool(int viaPort, String database, int size) {
    createDatabase(database);
    return new TestPool(() -> connect(viaPort, database), size);
  }

  /** True while the server runs. */
  public final boolean isRunning() {
    return process.isRunning();
  }

  /** Stops the server abruptly: open connections break, new ones are refused. */
  public final void stop() {
    process.stop();
  }

  /** Starts the server again on the same port and data, and waits until it accepts logins. */
  public final void restart() {
    process.restart();
  }

  /** Stops the server and deletes its directory. Idempotent. */
  @Override
  public final void close() {
    process.close();
  }

  final boolean isClosed() {
    return process.isClosed();
  }
}
