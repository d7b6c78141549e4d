package dev.once.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with named parameters ({@code :key}), turned once into JDBC's positional
 * {@code ?} form. A name may appear several times: the value is bound at each position. Immutable.
 */
public final class SqlTemplate {

  private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-z][a-z0-9_]*)");

  private final String sql;
  private final List<String> order;

  private SqlTemplate(String sql, List<String> order) {
    this.sql = sql;
    this.order = order;
  }

  /**
   * Parses {@code text}; {@code ::} (a PostgreSQL cast) is left alone.
   *
   * @param text SQL with named parameters such as {@code :key}
   * @return the template: positional SQL and the parameters' order
   */
  public static SqlTemplate of(String text) {
    Matcher matcher = PARAMETER.matcher(text);
    List<String> order = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    while (matcher.find()) {
      order.add(matcher.group(1));
      matcher.appendReplacement(sql, "?");
    }
    matcher.appendTail(sql);
    return new SqlTemplate(sql.toString(), List.copyOf(order));
  }

  /** The parameter names, in the order of the {@code ?} they became. */
  List<String> parameters() {
    return order;
  }

  /**
   * The positional SQL handed to the driver.
   *
   * @return the SQL with each named parameter replaced by {@code ?}
   */
  public String sql() {
    return sql;
  }

  /**
   * Prepares the statement on {@code connection} and binds {@code values} by name. A {@code null}
   * is bound as a NULL of the parameter's type: text for {@code :validation}, a number otherwise.
   *
   * @param connection the connection to prepare on
   * @param values the parameters' values by name; extra names are ignored
   * @return the prepared, bound statement, which the caller closes
   * @throws IllegalArgumentException when a parameter has no value
   * @throws SQLException when the driver refuses the SQL or a value
   */
  public PreparedStatement prepare(Connection connection, Map<String, ?> values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < order.size(); i++) {
        String name = order.get(i);
        if (!values.containsKey(name)) {
          throw new IllegalArgumentException("no value for :" + name + " in " + sql);
        }
        bind(statement, i + 1, name, values.get(name));
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement statement, int index, String name, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, name.equals("validation") ? Types.VARCHAR : Types.BIGINT);
    } else if (value instanceof Long number) {
      statement.setLong(index, number);
    } else if (value instanceof Integer number) {
      statement.setInt(index, number);
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else {
      throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
    }
  }
}
