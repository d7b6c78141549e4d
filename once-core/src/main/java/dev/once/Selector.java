package dev.once;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.burt.jmespath.parser.ParseException;
import java.util.function.Function;

/**
 * Picks the key (or validation) value out of a call's input: a JMESPath expression over the input's
 * JSON form, a Java function, or the whole input.
 */
final class Selector {

  private final String description;
  private final Expression<JsonNode> expression;
  private final PropertyPath fastPath;
  private final Function<Object, ?> function;
  private final ObjectMapper mapper;

  private Selector(
      String description,
      Expression<JsonNode> expression,
      Function<Object, ?> function,
      ObjectMapper mapper,
      PropertyPath fastPath) {
    this.description = description;
    this.expression = expression;
    this.fastPath = fastPath;
    this.function = function;
    this.mapper = mapper;
  }

  /**
   * The whole input is the value.
   *
   * @param mapper the mapper inputs are turned into JSON trees with
   * @return a selector that selects its input
   */
  public static Selector wholeInput(ObjectMapper mapper) {
    return new Selector("the whole input", null, null, mapper, null);
  }

  /**
   * A selector that evaluates a JMESPath expression on the input's JSON tree; a plain property path
   * is read directly, without building the tree, when it can be.
   *
   * @param setting the setting's name, for errors
   * @param path the JMESPath expression
   * @param runtime the runtime to compile with (its functions)
   * @param mapper the mapper inputs are turned into JSON trees with
   * @return the compiled selector
   * @throws IllegalArgumentException naming the setting and the expression when it does not parse
   */
  public static Selector path(
      String setting, String path, JacksonRuntime runtime, ObjectMapper mapper) {
    try {
      return new Selector(
          "JMESPath expression \"" + path + "\"",
          runtime.compile(path),
          null,
          mapper,
          PropertyPath.of(path, mapper));
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          setting + " \"" + path + "\" is not a valid JMESPath expression: " + e.getMessage(), e);
    }
  }

  /**
   * Compiles {@code path} as {@link #path} would, with the standard and Powertools functions, and
   * builds nothing else.
   *
   * @param setting the setting's name, for the error
   * @param path the JMESPath expression
   * @throws IllegalArgumentException naming the setting and the expression when it does not parse
   */
  public static void check(String setting, String path) {
    try {
      CheckingRuntime.RUNTIME.compile(path);
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          setting + " \"" + path + "\" is not a valid JMESPath expression: " + e.getMessage(), e);
    }
  }

  /** A runtime only to compile expressions: created on first use, immutable, never evaluates. */
  private static final class CheckingRuntime {
    static final JacksonRuntime RUNTIME = JmesPathFunctions.runtime(new ObjectMapper());
  }

  /**
   * A selector that applies a function to the input and uses its result, as JSON, as the value.
   *
   * @param setting the setting's name, used as the selector's description
   * @param function the key function; whatever it throws becomes a {@link KeyExtractionException}
   * @param mapper the mapper the function's result is turned into a JSON tree with
   * @return the selector
   */
  public static Selector function(
      String setting, Function<Object, ?> function, ObjectMapper mapper) {
    return new Selector(setting, null, function, mapper, null);
  }

  /**
   * A human name for errors: the expression, or the function.
   *
   * @return e.g. {@code JMESPath expression "body.orderId"}
   */
  public String description() {
    return description;
  }

  /**
   * The selected value, or a JSON null node when there is none.
   *
   * @param input the call's input: a JSON tree, a string, or an object the mapper can convert
   * @return the value to hash, never {@code null}
   * @throws KeyExtractionException when the input cannot be read or the selector fails on it
   */
  public JsonNode select(Object input) {
    if (function != null) {
      return applyFunction(input);
    }
    if (fastPath != null) {
      JsonNode selected = fastPath.select(input);
      if (selected != null) {
        return selected;
      }
    }
    JsonNode tree = toTree(input);
    if (expression == null) {
      return tree;
    }
    try {
      JsonNode selected = expression.search(tree);
      return selected == null ? mapper.nullNode() : selected;
    } catch (RuntimeException e) {
      throw new KeyExtractionException(description + " failed on the input: " + e.getMessage(), e);
    }
  }

  private JsonNode applyFunction(Object input) {
    Object value;
    try {
      value = function.apply(input);
    } catch (RuntimeException e) {
      throw new KeyExtractionException(description + " threw on the input", e);
    }
    return toTree(value);
  }

  private JsonNode toTree(Object value) {
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof String text) {
      return TextNode.valueOf(text);
    }
    if (value == null) {
      return mapper.nullNode();
    }
    try {
      return mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new KeyExtractionException(
          "the input of type "
              + value.getClass().getName()
              + " has no JSON form for "
              + description,
          e);
    }
  }

  /**
   * True when a selected value holds no key: null, or a container of nulls only (what a
   * multi-select over absent fields gives).
   *
   * @param value a selected value, or {@code null}
   * @return true when the value cannot serve as a key
   */
  public static boolean isMissing(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return true;
    }
    if (value.isContainerNode()) {
      for (JsonNode element : value) {
        if (!element.isNull()) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
