package dev.once.jdbc.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * A PostgreSQL server of its own for tests: {@code initdb} into a temporary directory (as the
 * {@code postgres} user when the tests run as root, since PostgreSQL refuses root), then {@code
 * postgres} on a free loopback port with its socket in that directory. No service of the machine is
 * used or touched.
 *
 * <pre>{@code
 * try (PostgresServer postgres = PostgresServer.start()) {
 *   DataSource db = postgres.pool("once_test", 8);
 * }
 * }</pre>
 *
 * <p>{@link #shared()} is one server per JVM ({@link DatabaseExtension} injects it); {@link
 * #start()} is a private one, which fault tests {@link #stop()} and {@link #restart()} on the same
 * port and data. The superuser is {@code once}, trusted without a password on loopback. Stopped and
 * deleted on {@link #close()}, and by a JVM shutdown hook at the latest. Needs Debian's {@code
 * postgresql} package ({@code run-tests.sh} installs it). Thread-safe.
 */
public final class PostgresServer extends LocalDatabase {

  /** The superuser {@code initdb} creates. */
  public static final String USER = "once";

  private static final String OS_USER = "postgres";
  private static final String URL_PREFIX = "jdbc:postgresql://";
  private static PostgresServer shared;

  private PostgresServer(DatabaseProcess process) {
    super(process, URL_PREFIX);
  }

  /**
   * Creates a cluster in a temporary directory and starts it on a free loopback port.
   *
   * @throws IllegalStateException when PostgreSQL is not installed or does not start in time
   */
  public static PostgresServer start() {
    Path initdb =
        ServerProcess.executable("postgresql", ServerProcess.debianPostgresBinDirs(), "initdb");
    Path dir = ServerProcess.directoryFor(OS_USER, "once-postgres-");
    ServerProcess.run(
        ServerProcess.asUser(
            OS_USER,
            List.of(
                initdb.toString(),
                "--pgdata=" + dir.resolve("data"),
                "--username=" + USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync")),
        dir.resolve("initdb.log"));
    return new PostgresServer(
        DatabaseProcess.start(new Kind(initdb.resolveSibling("postgres")), dir));
  }

  /** One server for the whole JVM, started on first use and stopped when the JVM exits. */
  public static synchronized PostgresServer shared() {
    if (shared == null || shared.isClosed()) {
      shared = start();
    }
    return shared;
  }

  /** Connection properties: the user, and short timeouts so a stopped server fails fast. */
  @Override
  Properties properties() {
    return connectionProperties();
  }

  static Properties connectionProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("socketTimeout", "30");
    return properties;
  }

  /** Creates {@code database} when it does not exist yet; returns its name. */
  @Override
  public synchronized String createDatabase(String database) {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      if (!statement
          .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")
          .next()) {
        statement.execute("CREATE DATABASE " + database);
      }
      return database;
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database, e);
    }
  }

  private record Kind(Path postgres) implements DatabaseProcess.Kind {
    @Override
    public String name() {
      return "postgres";
    }

    @Override
    public List<String> command(Path dir, int port) {
      return ServerProcess.asUser(
          OS_USER,
          List.of(
              postgres.toString(),
              "-D",
              dir.resolve("data").toString(),
              "-p",
              Integer.toString(port),
              "-k",
              dir.toString(),
              "-c",
              "listen_addresses=127.0.0.1",
              "-c",
              "max_connections=200",
              "-c",
              "fsync=off",
              "-c",
              "full_page_writes=off"));
    }

    @Override
    public Connection login(int port) throws SQLException {
      return DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:" + port + "/postgres", connectionProperties());
    }

    @Override
    public String stopSignal() {
      return "QUIT"; // immediate shutdown
    }

    @Override
    public String closeSignal() {
      return "INT"; // fast shutdown: ends sessions, then exits
    }
  }
}
