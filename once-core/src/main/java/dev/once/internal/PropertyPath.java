package dev.once.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The fast path for the commonest key expression, a chain of field names ({@code orderId}, {@code
 * detail.orderId}): it reads the fields through Jackson's own property accessors instead of turning
 * the whole input into a tree, which costs as much as serialising it.
 *
 * <p>It answers only when it is sure to give what the JMESPath expression gives over the input's
 * JSON form: plain bean properties (no custom serializer, no format override, not unwrapped), maps
 * and trees along the way, and a scalar at the end (a string, an integral number, a boolean). In
 * every other case it returns {@code null} and the caller takes the general path.
 */
final class PropertyPath {

  private static final Pattern FIELD_CHAIN =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private static final Map<String, BeanPropertyWriter> NOT_A_PLAIN_BEAN = Collections.emptyMap();

  private final String[] names;
  private final ObjectMapper mapper;
  private final ConcurrentHashMap<Class<?>, Map<String, BeanPropertyWriter>> writers =
      new ConcurrentHashMap<>();

  private PropertyPath(String[] names, ObjectMapper mapper) {
    this.names = names;
    this.mapper = mapper;
  }

  /** A fast path for {@code expression}, or {@code null} when it is not a plain field chain. */
  static PropertyPath of(String expression, ObjectMapper mapper) {
    if (!FIELD_CHAIN.matcher(expression).matches()) {
      return null;
    }
    return new PropertyPath(expression.split("\\."), mapper);
  }

  /** The selected value as JSON, or {@code null} when this path cannot be sure of it. */
  JsonNode select(Object input) {
    Object current = input;
    for (String name : names) {
      if (current == null) {
        return JsonNodeFactory.instance.nullNode();
      }
      current = field(current, name);
      if (current == Unknown.INSTANCE) {
        return null;
      }
    }
    return scalar(current);
  }

  private Object field(Object value, String name) {
    if (value instanceof JsonNode node) {
      return node.isObject() ? node.get(name) : null;
    }
    if (value instanceof Map<?, ?> map) {
      Object found = map.get(name);
      // A miss may be a key whose JSON name differs from its Java value: let the tree decide.
      return found == null ? Unknown.INSTANCE : found;
    }
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
      return null; // a field of a scalar is null in JMESPath
    }
    BeanPropertyWriter writer = writersOf(value.getClass()).get(name);
    if (writer == null) {
      return Unknown.INSTANCE;
    }
    try {
      return writer.get(value);
    } catch (Exception e) {
      return Unknown.INSTANCE;
    }
  }

  private static JsonNode scalar(Object value) {
    if (value == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof String text) {
      return TextNode.valueOf(text);
    }
    if (value instanceof Integer number) {
      return JsonNodeFactory.instance.numberNode(number.intValue());
    }
    if (value instanceof Long number) {
      return JsonNodeFactory.instance.numberNode(number.longValue());
    }
    if (value instanceof BigInteger big) {
      return JsonNodeFactory.instance.numberNode(big);
    }
    if (value instanceof Boolean flag) {
      return BooleanNode.valueOf(flag);
    }
    return null;
  }

  private Map<String, BeanPropertyWriter> writersOf(Class<?> type) {
    return writers.computeIfAbsent(type, this::plainWriters);
  }

  private Map<String, BeanPropertyWriter> plainWriters(Class<?> type) {
    JsonSerializer<Object> serializer;
    try {
      serializer = mapper.getSerializerProviderInstance().findValueSerializer(type);
    } catch (JsonMappingException e) {
      return NOT_A_PLAIN_BEAN;
    }
    if (!(serializer instanceof BeanSerializerBase bean)) {
      return NOT_A_PLAIN_BEAN;
    }
    Map<String, BeanPropertyWriter> plain = new HashMap<>();
    for (Iterator<PropertyWriter> it = bean.properties(); it.hasNext(); ) {
      if (it.next() instanceof BeanPropertyWriter writer && isPlain(writer)) {
        plain.put(writer.getName(), writer);
      }
    }
    return plain;
  }

  private static boolean isPlain(BeanPropertyWriter writer) {
    return !writer.isUnwrapping()
        && writer.getViews() == null
        && writer.getAnnotation(JsonSerialize.class) == null
        && writer.getAnnotation(JsonFormat.class) == null;
  }

  /** Marks a step this path cannot answer for. */
  private enum Unknown {
    INSTANCE
  }
}
