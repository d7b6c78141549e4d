package dev.once.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.once.InMemoryStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A replay is the first response: status, body (text or base64) and every header that is not
 * filtered, for random responses; plus the marker, and nothing of the filtered headers.
 */
class HttpReplayProperties {

  private static final List<String> NAMES =
      List.of(
          "Content-Type",
          "Location",
          "ETag",
          "Set-Cookie",
          "set-cookie",
          "Connection",
          "Transfer-Encoding",
          "X-Request-Id",
          "Cache-Control",
          "x-amz-custom");

  @Property(tries = 200)
  void aReplayEqualsTheFirstResponse(@ForAll("responses") APIGatewayProxyResponseEvent response) {
    LambdaIdempotency once = LambdaIdempotency.builder().store(new InMemoryStore()).build();
    HttpConfig config = HttpConfig.defaults();
    var handler = once.http(config).restApi((request, context) -> response);
    LocalContext context = LocalContext.of("props", Duration.ofMillis(30_000));

    APIGatewayProxyResponseEvent first = handler.handleRequest(request(), context);
    APIGatewayProxyResponseEvent again = handler.handleRequest(request(), context);

    assertThat(first).isSameAs(response);
    assertThat(again.getStatusCode()).isEqualTo(response.getStatusCode());
    if (!config.stores(response.getStatusCode())) {
      assertThat(again.getHeaders()).isEqualTo(response.getHeaders());
      return;
    }
    assertThat(again.getBody()).isEqualTo(response.getBody());
    assertThat(again.getIsBase64Encoded()).isEqualTo(response.getIsBase64Encoded());
    Map<String, String> expected = new LinkedHashMap<>();
    response
        .getHeaders()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!lower.equals("set-cookie")
                  && !lower.equals("connection")
                  && !lower.equals("transfer-encoding")) {
                expected.put(name, value);
              }
            });
    expected.put("Idempotent-Replayed", "true");
    assertThat(again.getHeaders()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(again.getMultiValueHeaders()).isEqualTo(response.getMultiValueHeaders());
  }

  private static APIGatewayProxyRequestEvent request() {
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withResource("/things")
        .withPath("/things")
        .withHeaders(Map.of("Idempotency-Key", "\"p-1\""))
        .withBody("{}");
  }

  @Provide
  Arbitrary<APIGatewayProxyResponseEvent> responses() {
    Arbitrary<Integer> status = Arbitraries.integers().between(100, 599);
    Arbitrary<Map<String, String>> headers =
        Arbitraries.maps(
                Arbitraries.of(NAMES),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40))
            .ofMaxSize(6);
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(300).injectNull(0.1);
    Arbitrary<String> base64 =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(300)
            .map(b -> java.util.Base64.getEncoder().encodeToString(b));
    Arbitrary<Boolean> isBase64 = Arbitraries.of(true, false).injectNull(0.2);
    return Combinators.combine(status, headers, text, base64, isBase64)
        .as(
            (code, h, plain, encoded, b64) ->
                new APIGatewayProxyResponseEvent()
                    .withStatusCode(code)
                    .withHeaders(new LinkedHashMap<>(h))
                    .withBody(Boolean.TRUE.equals(b64) ? encoded : plain)
                    .withIsBase64Encoded(b64));
  }
}
