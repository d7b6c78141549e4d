package dev.once;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burt.jmespath.Expression;
import io.burt.jmespath.parser.ParseException;

/**
 * A compiled JMESPath expression with the standard and Powertools functions. With {@link
 * JmesPathFunctions}, the only code that touches the JMESPath library, so a key path that is a
 * plain chain of field names never loads it (about 270 classes at cold start). Immutable and
 * thread-safe.
 */
final class JmesPathExpression {

  private final Expression<JsonNode> expression;

  private JmesPathExpression(Expression<JsonNode> expression) {
    this.expression = expression;
  }

  /**
   * Compiles {@code path} over a runtime of its own on {@code mapper}.
   *
   * @throws IllegalArgumentException naming the setting and the expression when it does not parse
   */
  static JmesPathExpression compile(String setting, String path, ObjectMapper mapper) {
    try {
      return new JmesPathExpression(JmesPathFunctions.runtime(mapper).compile(path));
    } catch (ParseException e) {
      throw invalid(setting, path, e);
    }
  }

  /**
   * Compiles {@code path} as {@link #compile} would and keeps nothing.
   *
   * @throws IllegalArgumentException naming the setting and the expression when it does not parse
   */
  static void check(String setting, String path) {
    try {
      CheckingRuntime.RUNTIME.compile(path);
    } catch (ParseException e) {
      throw invalid(setting, path, e);
    }
  }

  /** The selected value, or {@code null} when the expression selects nothing. */
  JsonNode search(JsonNode tree) {
    return expression.search(tree);
  }

  private static IllegalArgumentException invalid(String setting, String path, ParseException e) {
    return new IllegalArgumentException(
        setting + " \"" + path + "\" is not a valid JMESPath expression: " + e.getMessage(), e);
  }

  /** A runtime only to compile expressions: created on first use, immutable, never evaluates. */
  private static final class CheckingRuntime {
    static final io.burt.jmespath.jackson.JacksonRuntime RUNTIME =
        JmesPathFunctions.runtime(new ObjectMapper());
  }
}
