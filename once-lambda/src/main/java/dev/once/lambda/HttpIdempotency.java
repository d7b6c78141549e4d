package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.once.InProgressException;
import dev.once.LeaseLostException;
import dev.once.LeaseTooShortException;
import dev.once.PayloadMismatchException;
import dev.once.ResultType;
import dev.once.StoreException;
import dev.once.lambda.HttpSources.Source;
import java.util.Objects;

/**
 * HTTP handlers made idempotent by the {@code Idempotency-Key} header, for API Gateway REST APIs,
 * HTTP APIs and function URLs, and Application Load Balancers. Made by {@link
 * LambdaIdempotency#http()}.
 *
 * <pre>{@code
 * RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler =
 *     once.http().restApi((request, context) -> pay(request));
 * }</pre>
 *
 * <table>
 *   <caption>What a covered request (POST or PATCH by default) gets</caption>
 *   <tr><th>request</th><th>response</th></tr>
 *   <tr><td>a new key</td><td>the handler's response; stored when its status is (2xx, and 4xx but
 *       408, 409, 425, 429)</td></tr>
 *   <tr><td>the same key and request again</td><td>the stored response, headers filtered, with
 *       {@code Idempotent-Replayed: true}; the handler does not run</td></tr>
 *   <tr><td>the same key, another request (method, path, body)</td><td>422</td></tr>
 *   <tr><td>the same key while the first runs</td><td>409 with {@code Retry-After} (or, with
 *       {@code ONCE_IN_PROGRESS=wait}, the first response once stored)</td></tr>
 *   <tr><td>no key; an unreadable key; a key expression that finds nothing or fails (a body
 *       that is not JSON)</td><td>400, nothing stored (without a key, a run unprotected when the
 *       key is not required)</td></tr>
 *   <tr><td>a response not stored (5xx, 408, 409, 425, 429)</td><td>returned as is; the key is
 *       released so a retry runs again</td></tr>
 *   <tr><td>the store unreachable; too little time left</td><td>503 with {@code Retry-After};
 *       nothing ran</td></tr>
 * </table>
 *
 * <p>Errors are RFC 9457 problem details ({@code application/problem+json}) with a {@code code}
 * member. The handler's own exceptions pass through unchanged (the key is released). Keys are
 * scoped to the function, the operation and the route (and the caller, when configured), so the
 * same key value on another route or from another caller is another key. Immutable and thread-safe.
 */
public final class HttpIdempotency {

  private static final ResultType<StoredResponse> STORED = ResultType.of(StoredResponse.class);

  private final LambdaIdempotency once;
  private final HttpConfig config;
  private final HttpKeys keys;

  HttpIdempotency(LambdaIdempotency once, HttpConfig config) {
    this.once = once;
    this.config = config;
    this.keys = new HttpKeys(config, once.config());
  }

  /**
   * The settings: the key header, stored statuses and the rest.
   *
   * @return the immutable HTTP settings of this instance
   */
  public HttpConfig config() {
    return config;
  }

  /**
   * An API Gateway REST API handler (payload format 1.0), made idempotent.
   *
   * @param handler the function's own handler; not null
   * @return a thread-safe handler that runs {@code handler} once per idempotency key and replays
   *     its stored response to duplicates; {@code handler} itself when Once is disabled
   * @throws NullPointerException if {@code handler} is null
   */
  public RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> restApi(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
    return wrap(HttpSources.REST, handler);
  }

  /**
   * An HTTP API (payload format 2.0) or function URL handler, made idempotent.
   *
   * @param handler the function's own handler; not null
   * @return a thread-safe handler that runs {@code handler} once per idempotency key and replays
   *     its stored response to duplicates; {@code handler} itself when Once is disabled
   * @throws NullPointerException if {@code handler} is null
   */
  public RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> httpApi(
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    return wrap(HttpSources.HTTP_API, handler);
  }

  /**
   * An Application Load Balancer handler, made idempotent.
   *
   * @param handler the function's own handler; not null
   * @return a thread-safe handler that runs {@code handler} once per idempotency key and replays
   *     its stored response to duplicates; {@code handler} itself when Once is disabled
   * @throws NullPointerException if {@code handler} is null
   */
  public RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent>
      alb(
          RequestHandler<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent>
              handler) {
    return wrap(HttpSources.ALB, handler);
  }

  private <E, R> RequestHandler<E, R> wrap(Source<E, R> source, RequestHandler<E, R> handler) {
    Objects.requireNonNull(handler, "handler");
    if (once.disabled()) {
      return handler;
    }
    return (event, context) -> handle(source, event, context, handler);
  }

  private <E, R> R handle(
      Source<E, R> source, E event, Context context, RequestHandler<E, R> handler) {
    HttpRequest request;
    try {
      request = source.request(event);
    } catch (IllegalArgumentException notBase64) {
      return source.response(
          badRequest(HttpProblems.KEY_UNREADABLE, "the body is marked base64 but is not", false));
    }
    if (!config.methods().contains(request.method())) {
      return handler.handleRequest(event, context);
    }
    ObjectNode input;
    try {
      input = keys.input(request);
    } catch (HttpKeys.Refused refused) {
      return source.response(refused.problem());
    }
    if (input == null) {
      return handler.handleRequest(event, context);
    }
    return call(source, request, input, event, context, handler);
  }

  private <E, R> R call(
      Source<E, R> source,
      HttpRequest request,
      ObjectNode input,
      E event,
      Context context,
      RequestHandler<E, R> handler) {
    FirstRun<R> first = new FirstRun<>();
    StoredResponse stored;
    try {
      stored =
          once.idempotency(context, Variant.HTTP)
              .call(
                  input,
                  STORED,
                  LambdaIdempotency.remainingTime(context),
                  () -> first.run(source, handler.handleRequest(event, context), config));
    } catch (NotStored notStored) {
      return first.response;
    } catch (PayloadMismatchException e) {
      return source.response(
          HttpProblems.problem(
              422,
              HttpProblems.KEY_REUSED,
              config.keyHeader()
                  + " was used with another request (method, path or body);"
                  + " use a new key for a new request",
              0,
              request.multiValue()));
    } catch (InProgressException e) {
      return source.response(
          conflict(
              HttpProblems.IN_PROGRESS,
              "a request with this key is in progress; retry later",
              request));
    } catch (LeaseLostException e) {
      return source.response(
          conflict(
              HttpProblems.TAKEN_OVER,
              "another execution took this request over; retry to get its response",
              request));
    } catch (StoreException | LeaseTooShortException e) {
      once.diagnostics().warn("an HTTP request ran nothing: idempotency is unavailable", e);
      return source.response(
          HttpProblems.problem(
              503,
              HttpProblems.UNAVAILABLE,
              "the request could not be made idempotent now; nothing was done, retry later",
              config.retryAfter().toSeconds(),
              request.multiValue()));
    }
    if (first.ran) {
      return first.response;
    }
    return source.response(
        config.replayHeader().map(name -> stored.withHeader(name, "true")).orElse(stored));
  }

  private StoredResponse conflict(String code, String detail, HttpRequest request) {
    return HttpProblems.problem(
        409, code, detail, config.retryAfter().toSeconds(), request.multiValue());
  }

  private StoredResponse badRequest(String code, String detail, boolean multiValue) {
    return HttpProblems.problem(400, code, detail, 0, multiValue);
  }

  /** The handler's own run inside the engine's call: its response, and whether it is stored. */
  private static final class FirstRun<R> {
    boolean ran;
    R response;

    StoredResponse run(Source<?, R> source, R response, HttpConfig config) {
      this.ran = true;
      this.response = response;
      StoredResponse stored = response == null ? null : source.stored(response);
      if (stored == null || !config.stores(stored.statusCode())) {
        throw new NotStored();
      }
      return stored.filtered(config);
    }
  }

  /** A response whose status is not stored: the key is released, the response returned once. */
  private static final class NotStored extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotStored() {
      super("response not stored", null, false, false);
    }
  }
}
