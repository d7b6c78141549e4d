package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.once.Idempotency;
import dev.once.ResultType;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes a {@link RequestHandler} idempotent: the first invocation of a key runs it, every duplicate
 * gets the first response back.
 *
 * <pre>{@code
 * RequestHandler<Map<String, Object>, Receipt> handler =
 *     IdempotentHandler.wrap(once, Receipt.class, (event, context) -> pay(event));
 * }</pre>
 *
 * <p>The key comes from the event ({@code ONCE_KEY_PATH}, or the whole event); the in-progress
 * expiry is the invocation's remaining time. Errors: the handler's own exceptions pass through
 * unchanged (the key is released); Once's are {@link dev.once.IdempotencyException}s, which make
 * Lambda report the invocation failed so the caller retries. See {@code
 * dev.once.examples.payment.OrderPaymentHandler} for a complete function.
 */
public final class IdempotentHandler {

  private IdempotentHandler() {}

  /**
   * {@code handler}, made idempotent.
   *
   * @param once the setup, built once per handler instance
   * @param type the response type, to decode stored responses
   * @return a thread-safe handler when {@code handler} is
   */
  public static <I, O> RequestHandler<I, O> wrap(
      LambdaIdempotency once, Class<O> type, RequestHandler<I, O> handler) {
    return wrap(once, ResultType.of(type), handler);
  }

  /** As {@link #wrap(LambdaIdempotency, Class, RequestHandler)}, for a generic response type. */
  public static <I, O> RequestHandler<I, O> wrap(
      LambdaIdempotency once, ResultType<O> type, RequestHandler<I, O> handler) {
    Objects.requireNonNull(once, "once");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    if (once.isDisabled()) {
      return handler;
    }
    return (input, context) -> {
      Idempotency idempotency = once.idempotency(context, null);
      Duration remaining = LambdaIdempotency.remainingTime(context);
      return remaining == null
          ? idempotency.call(input, type, () -> handler.handleRequest(input, context))
          : idempotency.call(input, type, remaining, () -> handler.handleRequest(input, context));
    };
  }
}
