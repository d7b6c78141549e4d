package dev.once;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON settings of Powertools for AWS Lambda (Java) (its {@code JsonConfig} mapper), which it
 * uses to turn an event into the tree it hashes and a result into the {@code data} it stores:
 * properties sorted alphabetically, null properties left out, dates as text, unknown properties
 * ignored, and the Joda module.
 */
final class PowertoolsJson {

  private static final String JODA_MODULE = "com.fasterxml.jackson.datatype.joda.JodaModule";

  private PowertoolsJson() {}

  /**
   * A mapper as Powertools builds its own: a plain one, the Joda module if present, its settings.
   *
   * @return a new mapper, owned by the caller
   */
  public static ObjectMapper defaultMapper() {
    ObjectMapper mapper = new ObjectMapper();
    Module joda = jodaModule();
    if (joda != null) {
      mapper.registerModule(joda);
    }
    return withSettings(mapper);
  }

  /**
   * A copy of {@code base} (its modules and settings) with Powertools' settings on top; {@code
   * base} itself is left as it is.
   *
   * @param base the user's mapper, with their modules
   * @return a new mapper with Powertools' settings on top of {@code base}'s
   */
  public static ObjectMapper withSettings(ObjectMapper base) {
    ObjectMapper mapper = base.copy();
    mapper.setDefaultPropertyInclusion(
        JsonInclude.Value.construct(
            JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS));
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.setConfig(
        mapper.getSerializationConfig().with(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY));
    mapper.setConfig(
        mapper.getDeserializationConfig().with(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY));
    return mapper;
  }

  /** Powertools registers the Joda module; it is there when the application carries it. */
  private static Module jodaModule() {
    try {
      Class<?> type = Class.forName(JODA_MODULE, true, ObjectMapper.class.getClassLoader());
      return (Module) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      return null;
    }
  }
}
