package dev.once.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.once.dynamodb.AttributeNames;
import dev.once.dynamodb.TableLayout;
import dev.once.lambda.LambdaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code template.yaml} names handlers that exist, variables Once accepts, the store's schema. */
class SamTemplateTest {

  private final String template = read();

  @Test
  void everyHandlerIsARequestHandlerInThisModule() throws Exception {
    List<String> handlers = values("Handler");

    assertThat(handlers).hasSize(4);
    for (String handler : handlers) {
      assertThat(handler).endsWith("::handleRequest");
      Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
      assertThat(RequestHandler.class).isAssignableFrom(type);
    }
  }

  @Test
  void everyOnceVariableIsOneLambdaConfigAccepts() {
    Map<String, String> env = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^\\s+(ONCE_[A-Z_]+): (.+)$").matcher(template);
    while (m.find()) {
      String value = m.group(2).strip().replaceAll("^\"|\"$", "");
      if (!value.startsWith("!")) {
        env.put(m.group(1), value);
        LambdaConfig.fromEnvironment(Map.of(m.group(1), value)); // throws on a bad value
      }
    }

    assertThat(env)
        .containsKeys("ONCE_EXPIRY", "ONCE_IN_PROGRESS", "ONCE_KEY_PATH")
        .containsEntry("ONCE_SNAPSTART_PRIMING", "true");
    assertThat(template).contains("ONCE_TABLE: !Ref IdempotencyTable");
  }

  @Test
  void functionsArePublishedWithSnapStart() {
    assertThat(template)
        .contains("SnapStart:\n      ApplyOn: PublishedVersions")
        .contains("AutoPublishAlias: live");
  }

  @Test
  void theIdempotencyTableHasTheStoresKeyAndTtlOnItsExpiration() {
    String table = template.substring(template.indexOf("IdempotencyTable:"));
    table = table.substring(0, table.indexOf("LedgerTable:"));

    assertThat(table)
        .contains("BillingMode: PAY_PER_REQUEST")
        .contains("AttributeName: " + TableLayout.partitionKey().keyAttribute())
        .contains(
            "TimeToLiveSpecification:\n        AttributeName: "
                + AttributeNames.defaults().expiration()
                + "\n        Enabled: true");
  }

  @Test
  void failingMessagesAndRecordsEndSomewhereInsteadOfComingBackForever() {
    assertThat(template)
        .contains("deadLetterTargetArn: !GetAtt OrdersDeadLetterQueue.Arn")
        .containsPattern("maxReceiveCount: [1-9]");
    String stream = template.substring(template.indexOf("Type: Kinesis"));

    assertThat(stream)
        .containsPattern("MaximumRetryAttempts: [0-9]+")
        .contains("BisectBatchOnFunctionError: true")
        .contains("OnFailure:")
        .contains("Destination: !GetAtt StreamFailuresQueue.Arn")
        .contains("ReportBatchItemFailures");
  }

  @Test
  void theHttpFunctionSitsBehindAnApiGatewayPost() {
    String http = template.substring(template.indexOf("HttpOrderPaymentFunction:"));
    http = http.substring(0, http.indexOf("OrdersQueue:"));

    assertThat(http).contains("Type: Api").contains("Path: /orders").contains("Method: post");
  }

  private List<String> values(String field) {
    Matcher m = Pattern.compile("(?m)^\\s+" + field + ": (\\S+)$").matcher(template);
    return m.results().map(r -> r.group(1)).toList();
  }

  private static String read() {
    try {
      return Files.readString(Path.of("template.yaml"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "template.yaml not found in " + Path.of("").toAbsolutePath(), e);
    }
  }
}
