package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.ResultType;
import dev.once.Work;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A {@link RequestStreamHandler} made idempotent by {@link LambdaIdempotency#wrapStream}: the event
 * is parsed as JSON to take the key, the response bytes are stored and replayed.
 */
final class IdempotentStreamHandler implements RequestStreamHandler {

  private static final ResultType<byte[]> BYTES = ResultType.of(byte[].class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaIdempotency once;
  private final RequestStreamHandler handler;

  IdempotentStreamHandler(LambdaIdempotency once, RequestStreamHandler handler) {
    this.once = once;
    this.handler = handler;
  }

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    byte[] event = in.readAllBytes();
    JsonNode json = parse(event);
    Work<byte[], IOException> work =
        () -> {
          ByteArrayOutputStream response = new ByteArrayOutputStream();
          handler.handleRequest(new ByteArrayInputStream(event), response, context);
          return response.toByteArray();
        };
    out.write(
        once.idempotency(context, Variant.EVENT)
            .call(json, BYTES, LambdaIdempotency.remainingTime(context), work));
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
      throw new EventFormatException("the event stream cannot be read: " + e.getMessage(), e);
    }
  }
}
