package dev.once.examples.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP example behind an HTTP API or a function URL (payload format 2.0), for the runtime
 * tests: same work as {@link HttpOrderPaymentHandler}; a request that accepts {@code
 * application/octet-stream} gets the receipt as a base64 body.
 */
public final class HttpApiOrderPaymentHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

  public HttpApiOrderPaymentHandler() {
    HttpOrderPaymentHandler.Deployment deployed =
        HttpOrderPaymentHandler.Deployment.fromEnvironment();
    this.handler =
        deployed
            .once()
            .http()
            .httpApi(
                (request, context) -> {
                  HttpOrderPaymentHandler.Answer answer = deployed.charge(body(request));
                  boolean binary =
                      request.getHeaders() != null
                          && "application/octet-stream".equals(request.getHeaders().get("accept"));
                  APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
                  response.setStatusCode(answer.status());
                  response.setHeaders(
                      Map.of(
                          "Content-Type",
                          binary ? "application/octet-stream" : answer.contentType()));
                  response.setCookies(java.util.List.of("visited=1; Path=/"));
                  response.setBody(
                      binary
                          ? Base64.getEncoder()
                              .encodeToString(answer.body().getBytes(StandardCharsets.UTF_8))
                          : answer.body());
                  response.setIsBase64Encoded(binary);
                  return response;
                });
  }

  private static String body(APIGatewayV2HTTPEvent request) {
    String body = request.getBody();
    return body != null && request.getIsBase64Encoded()
        ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
        : body;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return handler.handleRequest(event, context);
  }
}
