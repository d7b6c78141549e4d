package dev.once.cli;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user's handler for the {@code --handler} runs: its response carries a number that differs per
 * invocation, so a re-execution served to a duplicate would show.
 */
public final class CountingHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final AtomicLong INVOCATIONS = new AtomicLong();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    if (context.getRemainingTimeInMillis() <= 0) {
      throw new IllegalStateException("invoked past its deadline");
    }
    return Map.of("id", event.get("id"), "invocation", INVOCATIONS.incrementAndGet());
  }
}
