package dev.once;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mappers Once uses when none is set, each built once per class loader on first use and shared
 * by every engine: building and warming a mapper (module discovery, serializer caches) is a large
 * part of a cold start, and a shared one carries its caches from one engine to the next (Lambda
 * builds one per kind of handler). They are never handed out and never reconfigured after they are
 * built, so sharing them is safe: an {@link ObjectMapper} is thread-safe once configured.
 */
final class DefaultMappers {

  private DefaultMappers() {}

  /**
   * The mapper for inputs' JSON form and the default codec: the Jackson modules found on the class
   * path, unknown properties ignored.
   *
   * @return the shared mapper; never reconfigure it
   */
  public static ObjectMapper inputs() {
    return Inputs.MAPPER;
  }

  /**
   * A mapper with Jackson's defaults, for Once's own data (stored failures, values inside trees).
   *
   * @return the shared mapper; never reconfigure it
   */
  static ObjectMapper plain() {
    return Plain.MAPPER;
  }

  private static final class Inputs {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private static final class Plain {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
