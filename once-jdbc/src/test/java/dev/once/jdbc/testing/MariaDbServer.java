package dev.once.jdbc.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * A MariaDB server of its own for tests: {@code mariadb-install-db} into a temporary directory,
 * then {@code mariadbd} on a free loopback port with its own socket and pid files there (as the
 * {@code mysql} user when the tests run as root). No service of the machine is used or touched.
 *
 * <p>{@link #shared()} is one server per JVM ({@link DatabaseExtension} injects it); {@link
 * #start()} is a private one, which fault tests {@link #stop()} (SIGKILL, a crash) and {@link
 * #restart()} on the same port and data. The user is {@code root} without a password, from loopback
 * only. Stopped and deleted on {@link #close()}, and by a JVM shutdown hook at the latest. Needs
 * Debian's {@code mariadb-server} package ({@code run-tests.sh} installs it). Thread-safe.
 */
public final class MariaDbServer extends LocalDatabase {

  /** The user tests connect as. */
  public static final String USER = "root";

  private static final String OS_USER = "mysql";
  private static final String URL_PREFIX = "jdbc:mariadb://";
  private static final List<Path> SBIN =
      List.of(Paths.get("/usr/sbin"), Paths.get("/usr/local/sbin"));
  private static MariaDbServer shared;

  private MariaDbServer(DatabaseProcess process) {
    super(process, URL_PREFIX);
  }

  /**
   * Creates a data directory in a temporary directory and starts a server on a free loopback port.
   *
   * @throws IllegalStateException when MariaDB is not installed or does not start in time
   */
  public static MariaDbServer start() {
    Path mariadbd = ServerProcess.executable("mariadb-server", SBIN, "mariadbd", "mysqld");
    Path installDb =
        ServerProcess.executable("mariadb-server", SBIN, "mariadb-install-db", "mysql_install_db");
    Path dir = ServerProcess.directoryFor(OS_USER, "once-mariadb-");
    ServerProcess.run(
        ServerProcess.asUser(
            OS_USER,
            List.of(
                installDb.toString(),
                "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal",
                "--skip-test-db")),
        dir.resolve("install-db.log"));
    return new MariaDbServer(DatabaseProcess.start(new Kind(mariadbd), dir));
  }

  /** One server for the whole JVM, started on first use and stopped when the JVM exits. */
  public static synchronized MariaDbServer shared() {
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
    properties.setProperty("connectTimeout", "5000");
    properties.setProperty("socketTimeout", "30000");
    return properties;
  }

  /** Creates {@code database} when it does not exist yet; returns its name. */
  @Override
  public synchronized String createDatabase(String database) {
    try (Connection connection = connect("");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS " + database);
      return database;
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database, e);
    }
  }

  private record Kind(Path mariadbd) implements DatabaseProcess.Kind {
    @Override
    public String name() {
      return "mariadb";
    }

    @Override
    public List<String> command(Path dir, int port) {
      return ServerProcess.asUser(
          OS_USER,
          List.of(
              mariadbd.toString(),
              "--no-defaults",
              "--datadir=" + dir.resolve("data"),
              "--port=" + port,
              "--bind-address=127.0.0.1",
              "--socket=" + dir.resolve("mariadb.sock"),
              "--pid-file=" + dir.resolve("mariadb.pid"),
              "--skip-log-bin",
              "--max-connections=200",
              "--innodb-flush-log-at-trx-commit=2",
              "--innodb-buffer-pool-size=64M"));
    }

    @Override
    public Connection login(int port) throws SQLException {
      return DriverManager.getConnection(
          "jdbc:mariadb://127.0.0.1:" + port + "/", connectionProperties());
    }

    @Override
    public String stopSignal() {
      return "KILL";
    }

    @Override
    public String closeSignal() {
      return "TERM";
    }
  }
}
