package dev.once.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalContextTest {

  @Test
  void aFixedRemainingTimeAndTheFunctionsFacts() {
    LocalContext context = LocalContext.of("pay", Duration.ofSeconds(30));

    assertThat(context.getRemainingTimeInMillis()).isEqualTo(30_000);
    assertThat(context.getFunctionName()).isEqualTo("pay");
    assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/pay");
    assertThat(context.getInvokedFunctionArn()).endsWith(":function:pay");
    assertThat(context.getAwsRequestId()).isEqualTo("request-1");
    assertThat(context.getLogger()).isSameAs(LocalContext.STANDARD_OUTPUT);
  }

  @Test
  void aRemainingTimeCountedDownByTheCallerNeverGoesNegative() {
    AtomicInteger left = new AtomicInteger(500);
    LocalContext context = LocalContext.of("pay", "r-7", left::get, LocalContext.SILENT);

    assertThat(context.getRemainingTimeInMillis()).isEqualTo(500);
    left.set(-20);
    assertThat(context.getRemainingTimeInMillis()).isZero();
    assertThat(context.getAwsRequestId()).isEqualTo("r-7");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> LocalContext.of(" ", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("functionName");
    assertThatThrownBy(() -> LocalContext.of("pay", Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remainingTime");
  }
}
