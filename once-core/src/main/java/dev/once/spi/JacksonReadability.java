package dev.once.spi;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.impl.UnsupportedTypeDeserializer;
import com.fasterxml.jackson.databind.deser.std.ContainerDeserializerBase;
import com.fasterxml.jackson.databind.deser.std.ReferenceTypeDeserializer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;

/**
 * Whether Jackson can read a type back, asked before any result of it exists: the deserializer
 * Jackson builds for it, and those of its properties, elements and contents, must be able to create
 * their values. Jackson builds a deserializer for nearly any class, and fails only when it reads
 * data: a class with no usable constructor, an interface or abstract class with no type
 * information, a type whose module is missing. Those are found here. Best effort: a type passes
 * when Jackson cannot tell.
 */
final class JacksonReadability {

  private static final int MAX_DEPTH = 32;

  private final DeserializationContext context;
  private final Set<JsonDeserializer<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private JacksonReadability(ObjectMapper mapper) {
    DefaultDeserializationContext blueprint =
        (DefaultDeserializationContext) mapper.getDeserializationContext();
    this.context = blueprint.createDummyInstance(mapper.getDeserializationConfig());
  }

  /** Why values of {@code type} cannot be read, or {@code null} when they can. */
  static String problem(ObjectMapper mapper, JavaType type) {
    return new JacksonReadability(mapper).problemOf(type, 0);
  }

  private String problemOf(JavaType type, int depth) {
    JsonDeserializer<Object> deserializer;
    try {
      deserializer = context.findRootValueDeserializer(type);
    } catch (DatabindException e) {
      return e.getOriginalMessage();
    }
    return problemOf(deserializer, type, depth);
  }

  private String problemOf(JsonDeserializer<?> deserializer, JavaType type, int depth) {
    if (deserializer == null || depth > MAX_DEPTH || !seen.add(deserializer)) {
      return null;
    }
    if (deserializer instanceof UnsupportedTypeDeserializer) {
      return type.getTypeName() + " is not supported by this mapper (a module may be missing)";
    }
    if (deserializer instanceof AbstractDeserializer) {
      return type.getTypeName()
          + " is abstract and carries no type information: Jackson cannot choose a class to create";
    }
    if (deserializer instanceof BeanDeserializerBase bean) {
      return problemOfBean(bean, type, depth);
    }
    if (deserializer instanceof ContainerDeserializerBase<?> container) {
      return problemOf(container.getContentDeserializer(), container.getContentType(), depth + 1);
    }
    if (deserializer instanceof ReferenceTypeDeserializer<?> reference) {
      return problemOf(reference.getValueType(), depth + 1);
    }
    JsonDeserializer<?> delegatee = deserializer.getDelegatee();
    return delegatee == null ? null : problemOf(delegatee, type, depth + 1);
  }

  private String problemOfBean(BeanDeserializerBase bean, JavaType type, int depth) {
    if (!canCreate(bean.getValueInstantiator())) {
      return type.getTypeName()
          + " has no constructor or factory Jackson can use (a no-argument constructor, a"
          + " @JsonCreator, or a constructor whose parameter names Jackson knows)";
    }
    for (Iterator<SettableBeanProperty> it = bean.properties(); it.hasNext(); ) {
      SettableBeanProperty property = it.next();
      if (property.hasValueDeserializer()) {
        String problem = problemOf(property.getValueDeserializer(), property.getType(), depth + 1);
        if (problem != null) {
          return "property \""
              + property.getName()
              + "\" of "
              + type.getTypeName()
              + ": "
              + problem;
        }
      }
    }
    return null;
  }

  private static boolean canCreate(ValueInstantiator instantiator) {
    return instantiator.canCreateUsingDefault()
        || instantiator.canCreateFromObjectWith()
        || instantiator.canCreateUsingDelegate()
        || instantiator.canCreateUsingArrayDelegate()
        || instantiator.canCreateFromString()
        || instantiator.canCreateFromInt()
        || instantiator.canCreateFromLong()
        || instantiator.canCreateFromBigInteger()
        || instantiator.canCreateFromDouble()
        || instantiator.canCreateFromBigDecimal()
        || instantiator.canCreateFromBoolean();
  }
}
