package dev.once.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.InMemoryStore;
import dev.once.InProgressPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LambdaConfigTest {

  @Test
  void defaultsWhenNothingIsSet() {
    LambdaConfig config = LambdaConfig.fromEnvironment(Map.of());

    assertThat(config.table()).isEmpty();
    assertThat(config.expiry()).isEqualTo(Duration.ofHours(1));
    assertThat(config.keyPath()).isEmpty();
    assertThat(config.validationPath()).isEmpty();
    assertThat(config.inProgressPolicy()).isEqualTo(InProgressPolicy.FAIL_FAST);
    assertThat(config.localCache()).isZero();
    assertThat(config.disabled()).isFalse();
    assertThat(config.snapStartPriming()).isFalse();
    assertThat(config.functionName()).isEmpty();
  }

  @Test
  void readsEveryVariable() {
    LambdaConfig config =
        LambdaConfig.fromEnvironment(
            Map.of(
                "ONCE_TABLE", "idempotency",
                "ONCE_EXPIRY", "PT2H30M",
                "ONCE_KEY_PATH", "powertools_json(body).orderId",
                "ONCE_VALIDATION_PATH", "amountCents",
                "ONCE_IN_PROGRESS", "WAIT",
                "ONCE_LOCAL_CACHE", "500",
                "ONCE_DISABLED", "false",
                "ONCE_SNAPSTART_PRIMING", "true",
                "AWS_LAMBDA_FUNCTION_NAME", "pay"));

    assertThat(config.table()).contains("idempotency");
    assertThat(config.expiry()).isEqualTo(Duration.ofMinutes(150));
    assertThat(config.keyPath()).contains("powertools_json(body).orderId");
    assertThat(config.validationPath()).contains("amountCents");
    assertThat(config.inProgressPolicy()).isEqualTo(InProgressPolicy.WAIT);
    assertThat(config.localCache()).isEqualTo(500);
    assertThat(config.disabled()).isFalse();
    assertThat(config.snapStartPriming()).isTrue();
    assertThat(config.functionName()).contains("pay");
  }

  @Test
  void expiryAcceptsWholeSeconds() {
    assertThat(LambdaConfig.fromEnvironment(Map.of("ONCE_EXPIRY", "3600")).expiry())
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void environmentOverridesCodeDefaultsAndEmptyMeansUnset() {
    LambdaConfig config =
        LambdaConfig.builder()
            .keyPath("orderId")
            .expiry(Duration.ofMinutes(5))
            .environment(Map.of("ONCE_KEY_PATH", "id", "ONCE_EXPIRY", " "))
            .build();

    assertThat(config.keyPath()).contains("id");
    assertThat(config.expiry()).isEqualTo(Duration.ofMinutes(5));
  }

  @ParameterizedTest
  @CsvSource({
    "ONCE_EXPIRY, 1 hour",
    "ONCE_EXPIRY, PT0S",
    "ONCE_EXPIRY, 0",
    "ONCE_EXPIRY, -PT1H",
    "ONCE_EXPIRY, 9223372036854775807",
    "ONCE_EXPIRY, PT100000H",
    "ONCE_IN_PROGRESS, block",
    "ONCE_LOCAL_CACHE, -1",
    "ONCE_LOCAL_CACHE, many",
    "ONCE_DISABLED, maybe",
    "ONCE_SNAPSTART_PRIMING, on",
    "ONCE_KEY_PATH, orders[",
    "ONCE_VALIDATION_PATH, a..b",
  })
  void aBadValueIsATypedErrorNamingTheVariableAndTheValue(String variable, String value) {
    assertThatThrownBy(() -> LambdaConfig.fromEnvironment(Map.of(variable, value)))
        .isInstanceOfSatisfying(
            InvalidEnvironmentException.class,
            e -> {
              assertThat(e.variable()).isEqualTo(variable);
              assertThat(e.value()).isEqualTo(value);
            })
        .hasMessageContaining(variable)
        .hasMessageContaining("\"" + value + "\"");
  }

  @Test
  void aMissingTableIsATypedErrorWhenIdempotencyIsOn() {
    assertThatThrownBy(() -> LambdaIdempotency.fromEnvironment(Map.of(), t -> new InMemoryStore()))
        .isInstanceOfSatisfying(
            InvalidEnvironmentException.class,
            e -> assertThat(e.variable()).isEqualTo("ONCE_TABLE"))
        .hasMessageContaining("ONCE_TABLE is not set");
  }

  @Test
  void theStoreIsMadeForTheConfiguredTable() {
    String[] table = new String[1];
    LambdaIdempotency once =
        LambdaIdempotency.fromEnvironment(
            Map.of("ONCE_TABLE", "orders-idempotency"),
            t -> {
              table[0] = t;
              return new InMemoryStore();
            });

    assertThat(table[0]).isEqualTo("orders-idempotency");
    assertThat(once.disabled()).isFalse();
  }

  @Test
  void disabledNeedsNoTableAndMakesNoStore() {
    AtomicInteger stores = new AtomicInteger();
    LambdaIdempotency once =
        LambdaIdempotency.fromEnvironment(
            Map.of("ONCE_DISABLED", "true"),
            t -> {
              stores.incrementAndGet();
              return new InMemoryStore();
            });

    assertThat(once.disabled()).isTrue();
    assertThat(stores).hasValue(0);
  }

  @Test
  void disabledLogsALoudWarning() {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      LambdaIdempotency.fromEnvironment(Map.of("ONCE_DISABLED", "1"), t -> new InMemoryStore());
    } finally {
      System.setErr(err);
    }

    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("WARN")
        .contains("IDEMPOTENCY IS OFF (ONCE_DISABLED=true)");
  }

  @Test
  void keyPrefixIsFunctionNameAndOperation() {
    LambdaIdempotency once =
        LambdaIdempotency.builder()
            .config(LambdaConfig.fromEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "from-env")))
            .store(new InMemoryStore())
            .operation("pay")
            .build();

    assertThat(once.keyPrefix(LocalContext.of("from-context", Duration.ofMillis(1000))))
        .isEqualTo("from-context.pay");
    assertThat(once.keyPrefix(null)).isEqualTo("from-env.pay");
    assertThatThrownBy(() -> once.newBuilder().operation(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("operation");
  }

  @Test
  void aVariantChangesOnlyWhatItSets() {
    LambdaConfig base = LambdaConfig.builder().table("t").keyPath("orderId").localCache(10).build();

    LambdaConfig variant = base.newBuilder().keyPath("id").build();
    LambdaConfig same = LambdaConfig.builder(base).build();

    assertThat(variant.keyPath()).contains("id");
    assertThat(variant.table()).contains("t");
    assertThat(variant.localCache()).isEqualTo(10);
    assertThat(base.keyPath()).contains("orderId");
    assertThat(same).hasToString(base.toString());
  }

  @Test
  void anExpiryTooLongToComputeWithIsRefusedWhenSet() {
    assertThatThrownBy(() -> LambdaConfig.builder().expiry(Duration.ofDays(3651)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiry")
        .hasMessageContaining("3650 days");
  }

  @Test
  void httpSettingsAreReadableAndAVariantMayScopeByAnotherCaller() {
    HttpConfig byHeader = HttpConfig.builder().callerHeader("x-api-key").noReplayHeader().build();

    HttpConfig byClaim =
        byHeader.newBuilder().callerPath("requestContext.authorizer.claims.sub").build();

    assertThat(byHeader.callerHeader()).contains("x-api-key");
    assertThat(byHeader.replayHeader()).isEmpty();
    assertThat(byClaim.callerHeader()).isEmpty();
    assertThat(byClaim.callerPath()).contains("requestContext.authorizer.claims.sub");
    assertThat(byClaim.replayHeader()).isEmpty();
    assertThat(HttpConfig.defaults().replayHeader()).contains("Idempotent-Replayed");
    assertThatThrownBy(() -> HttpConfig.builder().callerHeader("a").callerPath("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("callerPath conflicts with callerHeader");
  }
}
