package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * For handlers that prefer extending a class: implement {@link #handle}, and {@link #handleRequest}
 * runs it once per key, as {@link LambdaIdempotency#wrap(Class, RequestHandler)} does.
 *
 * <pre>{@code
 * public final class PayHandler extends IdempotentRequestHandler<Map<String, Object>, Receipt> {
 *   public PayHandler() {
 *     super(LambdaIdempotency.fromEnvironment(System.getenv(), stores), Receipt.class);
 *   }
 *   protected Receipt handle(Map<String, Object> event, Context context) { ... }
 * }
 * }</pre>
 *
 * @param <I> the event type
 * @param <O> the response type
 */
public abstract class IdempotentRequestHandler<I, O> implements RequestHandler<I, O> {

  private final RequestHandler<I, O> idempotent;

  /**
   * Wraps this handler's {@link #handle} with {@code once}; subclasses call it from their
   * constructor.
   *
   * @param once the setup
   * @param type the response type, to decode stored responses
   */
  protected IdempotentRequestHandler(LambdaIdempotency once, Class<O> type) {
    this.idempotent = once.wrap(type, this::handle);
  }

  /**
   * Runs {@link #handle} once per key; duplicates get the first response.
   *
   * @param input the event as Lambda delivers it
   * @param context the invocation's context; its remaining time bounds the lease
   * @return the response of {@link #handle}, now or as stored by the first call with the same key
   */
  @Override
  public final O handleRequest(I input, Context context) {
    return idempotent.handleRequest(input, context);
  }

  /**
   * The work, run once per key.
   *
   * @param input the event as Lambda delivers it
   * @param context the invocation's context
   * @return the response, stored and replayed to duplicates
   */
  protected abstract O handle(I input, Context context);
}
