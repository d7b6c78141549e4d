package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.Idempotency;
import dev.once.ResultType;
import dev.once.Work;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes a {@link RequestStreamHandler} idempotent. The event is read whole and parsed as JSON to
 * take its key ({@code ONCE_KEY_PATH}, or the whole event); the handler's response bytes are
 * stored, and a duplicate gets exactly those bytes written to its output.
 *
 * <p>An event that is not JSON fails with {@link EventFormatException} and runs nothing.
 */
public final class IdempotentStreamHandler {

  private static final ResultType<byte[]> BYTES = ResultType.of(byte[].class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private IdempotentStreamHandler() {}

  /** {@code handler}, made idempotent; thread-safe when {@code handler} is. */
  public static RequestStreamHandler wrap(LambdaIdempotency once, RequestStreamHandler handler) {
    Objects.requireNonNull(once, "once");
    Objects.requireNonNull(handler, "handler");
    if (once.isDisabled()) {
      return handler;
    }
    return (in, out, context) -> {
      byte[] event = in.readAllBytes();
      JsonNode json = parse(event);
      Idempotency idempotency = once.idempotency(context, null);
      Duration remaining = LambdaIdempotency.remainingTime(context);
      Work<byte[], IOException> work =
          () -> {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), response, context);
            return response.toByteArray();
          };
      byte[] response =
          remaining == null
              ? idempotency.call(json, BYTES, work)
              : idempotency.call(json, BYTES, remaining, work);
      out.write(response);
    };
  }

  private static JsonNode parse(byte[] event) {
    try {
      JsonNode json = JSON.readTree(event);
      if (json == null || json.isMissingNode()) {
        throw new EventFormatException(
            "the event stream is empty: no JSON to take a key from", null);
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new EventFormatException("the event stream is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new EventFormatException("the event stream could not be read as JSON", e);
    }
  }
}
