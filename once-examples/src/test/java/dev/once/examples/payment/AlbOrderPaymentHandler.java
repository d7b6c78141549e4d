package dev.once.examples.payment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.util.List;
import java.util.Map;

/**
 * The HTTP example behind an Application Load Balancer whose target group has multi-value headers
 * on (so requests and responses use {@code multiValueHeaders}), for the runtime tests.
 */
public final class AlbOrderPaymentHandler
    implements RequestHandler<
        ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent> {

  private final RequestHandler<
          ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent>
      handler;

  public AlbOrderPaymentHandler() {
    HttpOrderPaymentHandler.Deployment deployed =
        HttpOrderPaymentHandler.Deployment.fromEnvironment();
    this.handler =
        deployed
            .once()
            .http()
            .alb(
                (request, context) -> {
                  HttpOrderPaymentHandler.Answer answer = deployed.charge(request.getBody());
                  ApplicationLoadBalancerResponseEvent response =
                      new ApplicationLoadBalancerResponseEvent();
                  response.setStatusCode(answer.status());
                  response.setStatusDescription(answer.status() + " " + reason(answer.status()));
                  response.setMultiValueHeaders(
                      Map.of(
                          "Content-Type", List.of(answer.contentType()),
                          "Set-Cookie", List.of("a=1", "b=2")));
                  response.setBody(answer.body());
                  return response;
                });
  }

  private static String reason(int status) {
    return switch (status) {
      case 201 -> "Created";
      case 400 -> "Bad Request";
      default -> "Service Unavailable";
    };
  }

  @Override
  public ApplicationLoadBalancerResponseEvent handleRequest(
      ApplicationLoadBalancerRequestEvent event, Context context) {
    return handler.handleRequest(event, context);
  }
}
