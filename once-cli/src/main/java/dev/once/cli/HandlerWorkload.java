package dev.once.cli;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.once.Idempotency;
import dev.once.InMemoryStore;
import dev.once.KeyExtractionException;
import dev.once.MissingKeyException;
import dev.once.ResultType;
import dev.once.lambda.LocalContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A user's own {@link RequestHandler} with the user's events. The effect counted is a handler
 * invocation that returned; a replay must return a response equal (as JSON) to the first.
 */
final class HandlerWorkload implements Workload {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final RequestHandler<Object, Object> handler;
  private final List<Object> inputs;
  private final String keyPath;
  private final AtomicIntegerArray invocations;

  private HandlerWorkload(
      RequestHandler<Object, Object> handler, List<Object> inputs, String keyPath) {
    this.handler = handler;
    this.inputs = inputs;
    this.keyPath = keyPath;
    this.invocations = new AtomicIntegerArray(inputs.size());
  }

  /**
   * Loads the handler and its events; events whose key equals an earlier event's count as one.
   *
   * @throws IllegalArgumentException naming the option at fault
   */
  static HandlerWorkload load(SimulateCommand.HandlerRun run) {
    RequestHandler<Object, Object> handler = instantiate(run);
    JavaType inputType = MAPPER.getTypeFactory().constructType(inputType(handler.getClass()));
    // The engine's own key for each input: duplicates are exactly the inputs a call treats as one.
    Idempotency keys = keys(run.keyPath());
    Map<String, Object> byKey = new LinkedHashMap<>();
    List<String> lines = readLines(run);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode event = parse(line, i + 1);
      Object input;
      try {
        input = MAPPER.convertValue(event, inputType);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--events line " + (i + 1) + " does not read as " + inputType + ": " + e.getMessage(),
            e);
      }
      byKey.putIfAbsent(keyOf(keys, input, run.keyPath(), i + 1), input);
    }
    if (byKey.isEmpty()) {
      throw new IllegalArgumentException("--events " + run.events() + " holds no event");
    }
    return new HandlerWorkload(handler, new ArrayList<>(byKey.values()), run.keyPath());
  }

  @Override
  public int units() {
    return inputs.size();
  }

  @Override
  public Object input(int unit) {
    return inputs.get(unit);
  }

  @Override
  public String keyPath() {
    return keyPath;
  }

  @Override
  public ResultType<?> resultType() {
    return ResultType.of(Object.class);
  }

  @Override
  public Object execute(int unit, Invocation invocation) {
    invocation.beforeEffect();
    Object response =
        handler.handleRequest(
            inputs.get(unit),
            LocalContext.of(
                "once-simulate",
                "simulate-" + unit,
                invocation::remainingMillis,
                LocalContext.SILENT));
    invocations.incrementAndGet(unit);
    invocation.afterEffect();
    return response;
  }

  @Override
  public int effects(int unit) {
    return invocations.get(unit);
  }

  @Override
  public Object fingerprint(Object result) {
    // Written and read back, so a first response and its replay compare as the same JSON.
    try {
      return result == null
          ? NullNode.getInstance()
          : MAPPER.readTree(MAPPER.writeValueAsBytes(result));
    } catch (IOException e) {
      throw new UncheckedIOException("the handler's response has no JSON form", e);
    }
  }

  @Override
  public String unitsName() {
    return "events";
  }

  @Override
  public String effectsName() {
    return "handler invocations";
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<Object, Object> instantiate(SimulateCommand.HandlerRun run) {
    Class<?> type;
    try {
      type = Class.forName(run.className(), true, classLoader(run.classpath()));
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "--handler class " + run.className() + " cannot be loaded (see --classpath): " + e, e);
    }
    if (!RequestHandler.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "--handler " + run.className() + " does not implement " + RequestHandler.class.getName());
    }
    try {
      return (RequestHandler<Object, Object>) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "--handler " + run.className() + " needs a public no-argument constructor: " + e, e);
    }
  }

  private static ClassLoader classLoader(String classpath) {
    ClassLoader parent = HandlerWorkload.class.getClassLoader();
    if (classpath == null) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String part : classpath.split(File.pathSeparator)) {
      if (part.isBlank()) {
        continue;
      }
      try {
        urls.add(new File(part).toURI().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("--classpath entry " + part + " is not a path", e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), parent);
  }

  /** The handler's input type, from its {@code RequestHandler<I, O>} declaration. */
  static Type inputType(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Type generic : c.getGenericInterfaces()) {
        if (generic instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
          Type input = p.getActualTypeArguments()[0];
          return input instanceof Class<?> || input instanceof ParameterizedType
              ? input
              : Object.class;
        }
      }
    }
    return Object.class;
  }

  private static Idempotency keys(String keyPath) {
    Idempotency.Builder builder = Idempotency.builder(new InMemoryStore());
    if (keyPath == null) {
      return builder.build();
    }
    try {
      return builder.keyPath(keyPath).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--key-path " + e.getMessage(), e);
    }
  }

  private static String keyOf(Idempotency keys, Object input, String keyPath, int line) {
    try {
      return keys.keyOf(input);
    } catch (MissingKeyException e) {
      throw new IllegalArgumentException(
          "--key-path " + keyPath + " finds no key in event " + line, e);
    } catch (KeyExtractionException e) {
      throw new IllegalArgumentException(
          "--key-path " + keyPath + " fails on event " + line + ": " + e.getMessage(), e);
    }
  }

  private static List<String> readLines(SimulateCommand.HandlerRun run) {
    try {
      return Files.readAllLines(run.events());
    } catch (IOException e) {
      throw new IllegalArgumentException("--events " + run.events() + " cannot be read: " + e, e);
    }
  }

  private static JsonNode parse(String line, int number) {
    try {
      return MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--events line " + number + " is not JSON: " + e.getMessage(), e);
    }
  }
}
