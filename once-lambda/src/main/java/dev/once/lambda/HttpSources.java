package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;

/**
 * The three HTTP event sources, each read into an {@link HttpRequest} and its responses to and from
 * a {@link StoredResponse}: API Gateway REST APIs (payload 1.0), HTTP APIs and function URLs
 * (payload 2.0), and Application Load Balancers.
 */
final class HttpSources {

  private HttpSources() {}

  /** One source: its request, and its response to and from the stored form. */
  interface Source<E, R> {
    /**
     * The request.
     *
     * @throws IllegalArgumentException when a base64 body is not base64
     */
    HttpRequest request(E event);

    StoredResponse stored(R response);

    R response(StoredResponse stored);
  }

  static final Source<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> REST =
      new Source<>() {
        @Override
        public HttpRequest request(APIGatewayProxyRequestEvent e) {
          String method = HttpRequest.upper(e.getHttpMethod());
          String template = e.getResource() != null ? e.getResource() : e.getPath();
          return new HttpRequest(
              method,
              method + " " + template,
              e.getPath(),
              HttpRequest.headers(e.getHeaders(), e.getMultiValueHeaders()),
              HttpRequest.body(e.getBody(), e.getIsBase64Encoded()),
              e,
              false);
        }

        @Override
        public StoredResponse stored(APIGatewayProxyResponseEvent r) {
          return new StoredResponse(
              r.getStatusCode() == null ? 200 : r.getStatusCode(),
              null,
              r.getHeaders(),
              r.getMultiValueHeaders(),
              null,
              r.getBody(),
              r.getIsBase64Encoded());
        }

        @Override
        public APIGatewayProxyResponseEvent response(StoredResponse s) {
          return new APIGatewayProxyResponseEvent()
              .withStatusCode(s.statusCode())
              .withHeaders(s.headersCopy())
              .withMultiValueHeaders(s.multiValueHeadersCopy())
              .withBody(s.body())
              .withIsBase64Encoded(s.base64());
        }
      };

  static final Source<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> HTTP_API =
      new Source<>() {
        @Override
        public HttpRequest request(APIGatewayV2HTTPEvent e) {
          String method =
              HttpRequest.upper(
                  e.getRequestContext() == null || e.getRequestContext().getHttp() == null
                      ? null
                      : e.getRequestContext().getHttp().getMethod());
          String routeKey = e.getRouteKey();
          // Function URLs and a $default route have no template: the path is the route.
          String route =
              routeKey == null || routeKey.equals("$default")
                  ? method + " " + e.getRawPath()
                  : routeKey;
          return new HttpRequest(
              method,
              route,
              e.getRawPath(),
              HttpRequest.headers(e.getHeaders(), null),
              HttpRequest.body(e.getBody(), e.getIsBase64Encoded()),
              e,
              false);
        }

        @Override
        public StoredResponse stored(APIGatewayV2HTTPResponse r) {
          return new StoredResponse(
              r.getStatusCode(),
              null,
              r.getHeaders(),
              r.getMultiValueHeaders(),
              r.getCookies(),
              r.getBody(),
              r.getIsBase64Encoded());
        }

        @Override
        public APIGatewayV2HTTPResponse response(StoredResponse s) {
          APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
          r.setStatusCode(s.statusCode());
          r.setHeaders(s.headersCopy());
          r.setMultiValueHeaders(s.multiValueHeadersCopy());
          r.setCookies(s.cookiesCopy());
          r.setBody(s.body());
          r.setIsBase64Encoded(Boolean.TRUE.equals(s.base64()));
          return r;
        }
      };

  static final Source<ApplicationLoadBalancerRequestEvent, ApplicationLoadBalancerResponseEvent>
      ALB =
          new Source<>() {
            @Override
            public HttpRequest request(ApplicationLoadBalancerRequestEvent e) {
              String method = HttpRequest.upper(e.getHttpMethod());
              return new HttpRequest(
                  method,
                  method + " " + e.getPath(),
                  e.getPath(),
                  HttpRequest.headers(e.getHeaders(), e.getMultiValueHeaders()),
                  HttpRequest.body(e.getBody(), e.getIsBase64Encoded()),
                  e,
                  e.getMultiValueHeaders() != null);
            }

            @Override
            public StoredResponse stored(ApplicationLoadBalancerResponseEvent r) {
              return new StoredResponse(
                  r.getStatusCode(),
                  r.getStatusDescription(),
                  r.getHeaders(),
                  r.getMultiValueHeaders(),
                  null,
                  r.getBody(),
                  r.getIsBase64Encoded());
            }

            @Override
            public ApplicationLoadBalancerResponseEvent response(StoredResponse s) {
              ApplicationLoadBalancerResponseEvent r = new ApplicationLoadBalancerResponseEvent();
              r.setStatusCode(s.statusCode());
              r.setStatusDescription(s.statusDescription());
              r.setHeaders(s.headersCopy());
              r.setMultiValueHeaders(s.multiValueHeadersCopy());
              r.setBody(s.body());
              r.setIsBase64Encoded(Boolean.TRUE.equals(s.base64()));
              return r;
            }
          };
}
