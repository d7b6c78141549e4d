package dev.once;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.burt.jmespath.Adapter;
import io.burt.jmespath.JmesPathType;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.BaseFunction;
import io.burt.jmespath.function.FunctionArgument;
import io.burt.jmespath.function.FunctionRegistry;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The JMESPath runtime for key and validation expressions: the standard functions plus those
 * Powertools users already write in their paths, {@code powertools_json}, {@code powertools_base64}
 * and {@code powertools_base64_gzip}.
 */
final class JmesPathFunctions {

  private JmesPathFunctions() {}

  /**
   * A runtime with the standard and the Powertools functions.
   *
   * @param mapper the mapper {@code powertools_json} parses strings with
   * @return a new thread-safe runtime to compile expressions with
   */
  public static JacksonRuntime runtime(ObjectMapper mapper) {
    FunctionRegistry registry =
        FunctionRegistry.defaultRegistry()
            .extend(new JsonFunction(mapper), new Base64Function(), new Base64GzipFunction());
    return new JacksonRuntime(
        new RuntimeConfiguration.Builder().withFunctionRegistry(registry).build());
  }

  /** {@code powertools_json(string)}: parses a string holding JSON. */
  static final class JsonFunction extends BaseFunction {
    private final ObjectMapper mapper;

    JsonFunction(ObjectMapper mapper) {
      super("powertools_json", ArgumentConstraints.typeOf(JmesPathType.STRING));
      this.mapper = mapper;
    }

    @Override
    protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
      String text = runtime.toString(arguments.get(0).value());
      try {
        @SuppressWarnings("unchecked")
        T parsed = (T) mapper.readTree(text);
        return parsed;
      } catch (IOException e) {
        throw new IllegalArgumentException("powertools_json: the string is not valid JSON", e);
      }
    }
  }

  /** {@code powertools_base64(string)}: decodes base64 to a UTF-8 string. */
  static final class Base64Function extends BaseFunction {
    Base64Function() {
      super("powertools_base64", ArgumentConstraints.typeOf(JmesPathType.STRING));
    }

    @Override
    protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
      byte[] bytes = decodeBase64("powertools_base64", runtime.toString(arguments.get(0).value()));
      return runtime.createString(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** {@code powertools_base64_gzip(string)}: decodes base64, gunzips, reads UTF-8. */
  static final class Base64GzipFunction extends BaseFunction {
    Base64GzipFunction() {
      super("powertools_base64_gzip", ArgumentConstraints.typeOf(JmesPathType.STRING));
    }

    @Override
    protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
      byte[] bytes =
          decodeBase64("powertools_base64_gzip", runtime.toString(arguments.get(0).value()));
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        return runtime.createString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("powertools_base64_gzip: the data is not gzip", e);
      }
    }
  }

  private static byte[] decodeBase64(String function, String text) {
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(function + ": the string is not valid base64", e);
    }
  }
}
