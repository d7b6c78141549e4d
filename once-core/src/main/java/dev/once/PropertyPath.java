package dev.once;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializer;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.ser.std.BooleanSerializer;
import com.fasterxml.jackson.databind.ser.std.NumberSerializer;
import com.fasterxml.jackson.databind.ser.std.NumberSerializers;
import com.fasterxml.jackson.databind.ser.std.StringSerializer;
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
 * JSON form: properties of plain beans (exactly a {@code BeanSerializer}, no type information, no
 * custom serializer, no format override, not unwrapped, no inclusion rule that drops values), plain
 * hash maps and trees along the way, and a scalar at the end (a string, an integral number, a
 * boolean) written by Jackson's standard serializer. In every other case it returns {@code null}
 * and the caller takes the general path.
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

  /**
   * True when {@code expression} is a chain of unquoted JMESPath identifiers joined by dots: valid
   * JMESPath, and selected by {@link #walk} exactly as JMESPath would.
   */
  static boolean isFieldChain(String expression) {
    return FIELD_CHAIN.matcher(expression).matches();
  }

  /** The field names of a chain that {@link #isFieldChain} accepts. */
  static String[] fields(String chain) {
    return chain.split("\\.");
  }

  /**
   * A fast path for the field chain {@code names}, or {@code null} when the mapper's inclusion
   * rules may drop values (then only the tree can tell).
   */
  static PropertyPath of(String[] names, ObjectMapper mapper) {
    if (!keepsValues(mapper.getSerializationConfig().getDefaultPropertyInclusion())) {
      return null;
    }
    return new PropertyPath(names.clone(), mapper);
  }

  /**
   * What JMESPath selects with the field chain {@code names} over a JSON tree: each step reads a
   * field of an object, anything else (or an absent field) is null.
   *
   * @return the value; a JSON null node when there is none
   */
  static JsonNode walk(String[] names, JsonNode tree) {
    JsonNode current = tree;
    for (String name : names) {
      current = current != null && current.isObject() ? current.get(name) : null;
    }
    return current == null ? JsonNodeFactory.instance.nullNode() : current;
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
      if (!isPlainMap(map)) {
        return Unknown.INSTANCE; // a sorted map's comparator may match other names
      }
      Object found = map.get(name);
      // A miss may be a key whose JSON name differs from its Java value: let the tree decide.
      return found == null || !writesPlainly(found, null) ? Unknown.INSTANCE : found;
    }
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
      return null; // a field of a scalar is null in JMESPath
    }
    BeanPropertyWriter writer = writersOf(value.getClass()).get(name);
    if (writer == null) {
      return Unknown.INSTANCE;
    }
    try {
      Object found = writer.get(value);
      return found == null || writesPlainly(found, writer) ? found : Unknown.INSTANCE;
    } catch (Exception e) {
      return Unknown.INSTANCE;
    }
  }

  /**
   * True unless a scalar would be written other than as itself: a serializer registered for its
   * type (say, longs as strings) or a format override.
   */
  private boolean writesPlainly(Object found, BeanPropertyWriter writer) {
    if (!(found instanceof String
        || found instanceof Integer
        || found instanceof Long
        || found instanceof BigInteger
        || found instanceof Boolean)) {
      return true; // not a scalar: scalar() decides at the end, or the next step reads into it
    }
    try {
      JsonSerializer<?> serializer =
          writer != null && writer.hasSerializer()
              ? writer.getSerializer()
              : mapper.getSerializerProviderInstance().findValueSerializer(found.getClass());
      return serializer instanceof StringSerializer
          || serializer instanceof NumberSerializers.Base
          || serializer instanceof NumberSerializer
          || serializer instanceof BooleanSerializer;
    } catch (JsonMappingException e) {
      return false;
    }
  }

  private static boolean isPlainMap(Map<?, ?> map) {
    return map instanceof HashMap
        || map instanceof ConcurrentHashMap
        || map.getClass().getName().startsWith("java.util.ImmutableCollections$");
  }

  /** True when an inclusion rule writes every non-null value (ALWAYS, NON_NULL or default). */
  private static boolean keepsValues(JsonInclude.Value inclusion) {
    return keeps(inclusion.getValueInclusion()) && keeps(inclusion.getContentInclusion());
  }

  private static boolean keeps(JsonInclude.Include include) {
    return include == JsonInclude.Include.ALWAYS
        || include == JsonInclude.Include.NON_NULL
        || include == JsonInclude.Include.USE_DEFAULTS;
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
      serializer =
          mapper.getSerializerProviderInstance().findTypedValueSerializer(type, true, null);
    } catch (JsonMappingException e) {
      return NOT_A_PLAIN_BEAN;
    }
    // Exactly a BeanSerializer: not as an array, not unwrapped, and with no type information.
    if (serializer == null
        || serializer.getClass() != BeanSerializer.class
        || hasTypeInformation(type)
        || !keepsValues(classInclusion(type))) {
      return NOT_A_PLAIN_BEAN;
    }
    BeanSerializerBase bean = (BeanSerializerBase) serializer;
    Map<String, BeanPropertyWriter> plain = new HashMap<>();
    for (Iterator<PropertyWriter> it = bean.properties(); it.hasNext(); ) {
      if (it.next() instanceof BeanPropertyWriter writer && isPlain(type, writer)) {
        plain.put(writer.getName(), writer);
      }
    }
    return plain;
  }

  private boolean isPlain(Class<?> owner, BeanPropertyWriter writer) {
    JsonInclude inclusion = writer.getAnnotation(JsonInclude.class);
    return !writer.isUnwrapping()
        && writer.getViews() == null
        && writer.getAnnotation(JsonSerialize.class) == null
        && writer.getAnnotation(JsonFormat.class) == null
        && (inclusion == null || (keeps(inclusion.value()) && keeps(inclusion.content())))
        && keepsValues(
            mapper
                .getSerializationConfig()
                .getDefaultInclusion(owner, writer.getType().getRawClass()));
  }

  private boolean hasTypeInformation(Class<?> type) {
    SerializationConfig config = mapper.getSerializationConfig();
    try {
      return mapper.getSerializerFactory().createTypeSerializer(config, config.constructType(type))
          != null;
    } catch (JsonMappingException e) {
      return true;
    }
  }

  /** The class's own inclusion rule: its annotation (or mix-in) over the mapper's defaults. */
  private JsonInclude.Value classInclusion(Class<?> type) {
    SerializationConfig config = mapper.getSerializationConfig();
    BeanDescription description = config.introspect(config.constructType(type));
    return description.findPropertyInclusion(config.getDefaultPropertyInclusion(type));
  }

  /** Marks a step this path cannot answer for. */
  private enum Unknown {
    INSTANCE
  }
}
