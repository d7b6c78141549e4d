package dev.once;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.spi.ResultCodec;
import java.util.function.Function;

/** The parts an engine is made of, derived from checked settings. */
final class EngineWiring {

  private EngineWiring() {}

  static EngineConfig of(IdempotencySettings s) {
    ObjectMapper mapper = mapper(s);
    Selector key = selector("keyPath", s.keyPath, "keyFunction", s.keyFunction, mapper);
    Selector validation =
        s.validationPath == null && s.validationFunction == null
            ? null
            : selector(
                "validationPath",
                s.validationPath,
                "validationFunction",
                s.validationFunction,
                mapper);
    ResultCodec codec =
        s.codec != null
            ? s.codec
            : s.powertools() ? ResultCodec.powertoolsJson(mapper) : ResultCodec.json(mapper);
    return new EngineConfig(
        s.store,
        s.keyPrefix,
        key,
        validation,
        new KeyHasher(s.keyFormat, s.effectiveHashAlgorithm()),
        s.expiry,
        s.maxRunTime,
        s.minRunTime,
        s.leaseRenewal,
        s.inProgressPolicy,
        s.missingKeyPolicy,
        s.leaseLostPolicy,
        s.localCache,
        new ResultEncoding(codec, s.compressionThreshold()),
        s.resultLimit(),
        s.permanentFailures != null ? s.permanentFailures : e -> false,
        s.listener,
        s.clock,
        s.sleeper,
        s.scheduler != null ? s.scheduler : new DaemonScheduler(),
        s.replayHook);
  }

  private static Selector selector(
      String pathSetting,
      String path,
      String functionSetting,
      Function<Object, ?> function,
      ObjectMapper mapper) {
    if (path != null) {
      return Selector.path(pathSetting, path, mapper);
    }
    if (function != null) {
      return Selector.function(functionSetting, function, mapper);
    }
    return Selector.wholeInput(mapper);
  }

  /** The mapper for inputs and the default codec: Powertools' settings in its format. */
  private static ObjectMapper mapper(IdempotencySettings s) {
    if (!s.powertools()) {
      return s.objectMapper != null ? s.objectMapper : defaultMapper();
    }
    return s.objectMapper != null
        ? PowertoolsJson.withSettings(s.objectMapper)
        : PowertoolsJson.defaultMapper();
  }

  private static ObjectMapper defaultMapper() {
    return DefaultMappers.inputs();
  }
}
