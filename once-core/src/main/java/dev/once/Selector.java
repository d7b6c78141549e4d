package dev.once;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.Function;

/**
 * Picks the key (or validation) value out of a call's input: a JMESPath expression over the input's
 * JSON form, a Java function, or the whole input.
 *
 * <p>A path that is a plain chain of field names ({@code orderId}, {@code detail.orderId}) is read
 * without the JMESPath library: through Jackson's property accessors where {@link PropertyPath} can
 * be sure, else field by field over the input's tree, which is what JMESPath does with it. Only
 * other expressions load the library ({@link JmesPathExpression}).
 */
final class Selector {

  private final String description;
  private final JmesPathExpression expression;
  private final String[] fields;
  private final PropertyPath fastPath;
  private final Function<Object, ?> function;
  private final ObjectMapper mapper;

  private Selector(
      String description,
      JmesPathExpression expression,
      String[] fields,
      Function<Object, ?> function,
      ObjectMapper mapper) {
    this.description = description;
    this.expression = expression;
    this.fields = fields;
    this.fastPath = fields == null ? null : PropertyPath.of(fields, mapper);
    this.function = function;
    this.mapper = mapper;
  }

  /**
   * The whole input is the value.
   *
   * @param mapper turns the input into its JSON form
   * @return the selector
   */
  public static Selector wholeInput(ObjectMapper mapper) {
    return new Selector("the whole input", null, null, null, mapper);
  }

  /**
   * A JMESPath expression over the input's JSON form, compiled now unless it is a field chain.
   *
   * @param setting the setting's name, for errors
   * @param path the expression
   * @param mapper turns the input into its JSON form
   * @return the selector
   * @throws IllegalArgumentException naming the setting and the expression when it does not parse
   */
  public static Selector path(String setting, String path, ObjectMapper mapper) {
    String description = "JMESPath expression \"" + path + "\"";
    if (PropertyPath.isFieldChain(path)) {
      return new Selector(description, null, PropertyPath.fields(path), null, mapper);
    }
    return new Selector(
        description, JmesPathExpression.compile(setting, path, mapper), null, null, mapper);
  }

  /**
   * Checks {@code path} as {@link #path} would, with the standard and Powertools functions, and
   * builds nothing else. A field chain is valid JMESPath as it is: the library is not loaded.
   *
   * @param setting the setting's name, for errors
   * @param path the expression
   * @throws IllegalArgumentException naming the setting and the expression when it does not parse
   */
  public static void check(String setting, String path) {
    if (!PropertyPath.isFieldChain(path)) {
      JmesPathExpression.check(setting, path);
    }
  }

  /**
   * The value {@code function} returns for the input.
   *
   * @param setting the setting's name, for errors
   * @param function from the input to the value
   * @param mapper turns the value into its JSON form
   * @return the selector
   */
  public static Selector function(
      String setting, Function<Object, ?> function, ObjectMapper mapper) {
    return new Selector(setting, null, null, function, mapper);
  }

  /** A human name for errors: the expression, or the function. */
  public String description() {
    return description;
  }

  /**
   * The selected value, or a JSON null node when there is none.
   *
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
    if (fields != null) {
      return PropertyPath.walk(fields, tree);
    }
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
