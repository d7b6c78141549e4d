package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.testkit.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderValidationTest {

  private final InMemoryStore store = new InMemoryStore();

  @Test
  void unknownDigestFailsWhenSetNamingIt() {
    Idempotency.Builder builder = Idempotency.builder(store);

    assertThatThrownBy(() -> builder.hashAlgorithm("NOPE-256"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"NOPE-256\"");
  }

  @Test
  void anyJdkDigestByNameIsAccepted() {
    assertThat(Idempotency.builder(store).hashAlgorithm("SHA-512").build()).isNotNull();
    assertThat(Idempotency.builder(store).hashAlgorithm("SHA3-256").build()).isNotNull();
  }

  @Test
  void keyPathThatDoesNotParseFailsWhenSetNamingTheExpression() {
    assertThatThrownBy(() -> Idempotency.builder(store).keyPath("orders[?id =="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPath")
        .hasMessageContaining("\"orders[?id ==\"");
  }

  @Test
  void validationPathThatDoesNotParseFailsWhenSetNamingTheExpression() {
    assertThatThrownBy(() -> Idempotency.builder(store).validationPath("a..b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validationPath")
        .hasMessageContaining("\"a..b\"");
  }

  @Test
  void unknownJmesPathFunctionFailsWhenSet() {
    assertThatThrownBy(() -> Idempotency.builder(store).keyPath("no_such_function(body)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no_such_function(body)");
  }

  @Test
  void keyPathAndKeyFunctionConflictEitherWay() {
    assertThatThrownBy(() -> Idempotency.builder(store).keyPath("id").keyFunction(i -> i))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyFunction")
        .hasMessageContaining("keyPath");
    assertThatThrownBy(() -> Idempotency.builder(store).keyFunction(i -> i).keyPath("id"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyPath")
        .hasMessageContaining("keyFunction");
  }

  @Test
  void validationPathAndFunctionConflict() {
    assertThatThrownBy(
            () -> Idempotency.builder(store).validationPath("a").validationFunction(i -> i))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> Idempotency.builder(store).validationFunction(i -> i).validationPath("a"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void negativeOrZeroDurationsAreRefusedWithTheirValue() {
    assertThatThrownBy(() -> Idempotency.builder(store).expiry(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiry")
        .hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> Idempotency.builder(store).maxRunTime(Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRunTime")
        .hasMessageContaining("PT-0.005S");
    assertThatThrownBy(() -> Idempotency.builder(store).expiry(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiry");
  }

  @Test
  void remainingTimeMustBePositive() {
    Idempotency idempotency = Idempotency.builder(store).build();

    assertThatThrownBy(
            () ->
                idempotency.call(
                    "k", ResultType.of(String.class), Duration.ofMillis(-1), () -> "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remainingTime");
  }

  @Test
  void everyCallOverloadTakesANullRemainingTimeAsNone() {
    Idempotency idempotency = Idempotency.builder(store).maxRunTime(Duration.ofMinutes(3)).build();

    String first = idempotency.call("k", String.class, null, () -> "x");
    String again = idempotency.call("k", ResultType.of(String.class), null, () -> "y");

    assertThat(first).isEqualTo("x");
    assertThat(again).isEqualTo("x");
    assertThatThrownBy(() -> idempotency.call("z", String.class, Duration.ZERO, () -> "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remainingTime");
  }

  @Test
  void checkPathCompilesWithTheFunctionsKeysMayUse() {
    assertThat(Idempotency.checkPath("keyPath", "powertools_json(body).orderId"))
        .isEqualTo("powertools_json(body).orderId");
    assertThatThrownBy(() -> Idempotency.checkPath("ONCE_KEY_PATH", "orders["))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ONCE_KEY_PATH")
        .hasMessageContaining("\"orders[\"");
    assertThatThrownBy(() -> Idempotency.checkPath("keyPath", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPath");
  }

  @Test
  void negativeSizesAreRefused() {
    assertThatThrownBy(() -> Idempotency.builder(store).localCache(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> Idempotency.builder(store).compressAbove(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("compressAbove");
    assertThatThrownBy(() -> Idempotency.builder(store).maxResultBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxResultBytes");
  }

  @Test
  void resultLimitAboveTheStoreLimitFailsBuild() {
    CountingStore limited = new CountingStore().maxDataBytes(1000);

    assertThatThrownBy(() -> Idempotency.builder(limited).maxResultBytes(2000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2000")
        .hasMessageContaining("1000");
  }

  @Test
  void blankPrefixIsRefused() {
    assertThatThrownBy(() -> Idempotency.builder(store).keyPrefix(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
  }

  @Test
  void buildHasNoSideEffectsOnTheStore() {
    CountingStore counting = new CountingStore();

    Idempotency.builder(counting).keyPath("id").build();

    assertThat(counting.calls()).isZero();
  }

  @Test
  void newBuilderDerivesAVariantWithoutChangingTheOriginal() {
    RecordingListener events = new RecordingListener();
    Idempotency original = Idempotency.builder(store).keyPrefix("a").listener(events).build();
    Idempotency variant = original.newBuilder().keyPrefix("b").build();

    original.call("k", String.class, () -> "x");
    variant.call("k", String.class, () -> "y");

    assertThat(events.keys()).hasSize(2);
    assertThat(events.keys().get(0)).startsWith("a#");
    assertThat(events.keys().get(1)).startsWith("b#");
  }

  /** Durations so long that the instants computed from them overflow, on every call. */
  private static final Duration CENTURIES = Duration.ofDays(365_000);

  @Test
  void anExpiryTooLongToComputeWithIsRefusedNamingIt() {
    assertThatThrownBy(() -> Idempotency.builder(store).expiry(CENTURIES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiry")
        .hasMessageContaining(CENTURIES.toString())
        .hasMessageContaining("3650 days");
    assertThatThrownBy(() -> Idempotency.builder(store).expiry(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiry");
  }

  @Test
  void aMaxRunTimeTooLongToComputeWithIsRefusedNamingIt() {
    assertThatThrownBy(() -> Idempotency.builder(store).maxRunTime(CENTURIES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRunTime")
        .hasMessageContaining(CENTURIES.toString());
  }

  @Test
  void aMinRunTimeTooLongToComputeWithIsRefusedNamingIt() {
    assertThatThrownBy(() -> Idempotency.builder(store).minRunTime(CENTURIES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minRunTime")
        .hasMessageContaining(CENTURIES.toString());
  }

  @Test
  void aRemainingTimeTooLongToComputeWithIsRefusedNamingIt() {
    Idempotency idempotency = Idempotency.builder(store).build();

    assertThatThrownBy(
            () -> idempotency.call("k", ResultType.of(String.class), CENTURIES, () -> "r"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remainingTime")
        .hasMessageContaining(CENTURIES.toString());
    assertThat(store.find(idempotency.keyOf("k"))).isEmpty();
  }

  @Test
  void theLongestDurationsAcceptedWorkOnEveryPathWithALocalCache() {
    Idempotency idempotency =
        Idempotency.builder(store)
            .expiry(Idempotency.MAX_DURATION)
            .maxRunTime(Idempotency.MAX_DURATION)
            .minRunTime(Idempotency.MAX_DURATION.minusDays(1))
            .localCache(10)
            .build();

    assertThat(idempotency.call("k", String.class, () -> "first")).isEqualTo("first");
    assertThat(idempotency.call("k", String.class, () -> "again")).isEqualTo("first");
    assertThat(
            idempotency.call(
                "k2", ResultType.of(String.class), Idempotency.MAX_DURATION, () -> "second"))
        .isEqualTo("second");
    assertThat(idempotency.newBuilder().build().call("k", String.class, () -> "again"))
        .isEqualTo("first");
  }
}
