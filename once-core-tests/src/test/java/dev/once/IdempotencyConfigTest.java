package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.spi.ResultCodec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The readable settings of an instance, and the variants derived from them. */
class IdempotencyConfigTest {

  private final InMemoryStore store = new InMemoryStore();

  @Test
  void theDefaultsAreReadable() {
    IdempotencyConfig config = Idempotency.builder(store).build().config();

    assertThat(config.store()).isSameAs(store);
    assertThat(config.keyPrefix()).isEqualTo("once");
    assertThat(config.keyPath()).isEmpty();
    assertThat(config.keyFunction()).isEmpty();
    assertThat(config.validationPath()).isEmpty();
    assertThat(config.keyFormat()).isEqualTo(KeyFormat.ONCE);
    assertThat(config.hashAlgorithm()).isEqualTo("SHA-256");
    assertThat(config.expiry()).isEqualTo(Duration.ofHours(1));
    assertThat(config.maxRunTime()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.minRunTime()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.leaseRenewal()).isTrue();
    assertThat(config.inProgressPolicy()).isEqualTo(InProgressPolicy.FAIL_FAST);
    assertThat(config.missingKeyPolicy()).isEqualTo(MissingKeyPolicy.FAIL);
    assertThat(config.leaseLostPolicy()).isEqualTo(LeaseLostPolicy.THROW);
    assertThat(config.localCache()).isZero();
    assertThat(config.compressAbove()).hasValue(8 * 1024);
    assertThat(config.maxResultBytes()).isEmpty();
    assertThat(config.scheduler()).isEmpty();
    assertThat(config.sleeper()).isSameAs(Sleeper.SYSTEM);
  }

  @Test
  void defaultsThatDependOnOtherSettingsFollowThem() {
    IdempotencyConfig powertools =
        Idempotency.builder(store).keyFormat(KeyFormat.POWERTOOLS).build().config();

    assertThat(powertools.hashAlgorithm()).isEqualTo("MD5");
    assertThat(powertools.compressAbove()).isEmpty();
    assertThat(
            Idempotency.builder(new CountingStore().maxDataBytes(1000))
                .build()
                .config()
                .maxResultBytes())
        .isEqualTo(OptionalInt.of(1000));
  }

  @Test
  void aVariantChangesWhatItSetsAndLeavesTheOriginalAsItWas() {
    Idempotency original =
        Idempotency.builder(store).keyPrefix("pay").keyPath("orderId").localCache(5).build();

    Idempotency variant = original.newBuilder().expiry(Duration.ofMinutes(5)).build();

    assertThat(variant.config().keyPrefix()).isEqualTo("pay");
    assertThat(variant.config().keyPath()).hasValue("orderId");
    assertThat(variant.config().localCache()).isEqualTo(5);
    assertThat(variant.config().expiry()).isEqualTo(Duration.ofMinutes(5));
    assertThat(original.config().expiry()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aVariantMayReplaceAKeyPathByAKeyFunctionAndBack() {
    Idempotency byPath = Idempotency.builder(store).keyPath("orderId").build();
    Function<Object, ?> byId = input -> ((Map<?, ?>) input).get("id");

    Idempotency byFunction = Idempotency.builder(byPath.config()).keyFunction(byId).build();
    Idempotency byPathAgain = byFunction.newBuilder().keyPath("id").build();

    assertThat(byFunction.config().keyPath()).isEmpty();
    assertThat(byFunction.config().keyFunction()).containsSame(byId);
    assertThat(byFunction.keyOf(Map.of("id", "o-1", "orderId", "o-2")))
        .isEqualTo(byPathAgain.keyOf(Map.of("id", "o-1")))
        .isNotEqualTo(byPath.keyOf(Map.of("id", "o-1", "orderId", "o-2")));
    assertThat(byPathAgain.config().keyFunction()).isEmpty();
  }

  @Test
  void aVariantMayReplaceAValidationPathByAFunction() {
    Idempotency byPath = Idempotency.builder(store).validationPath("amount").build();

    IdempotencyConfig byFunction =
        byPath.newBuilder().validationFunction(input -> input).build().config();

    assertThat(byFunction.validationPath()).isEmpty();
    assertThat(byFunction.validationFunction()).isPresent();
  }

  @Test
  void bothKeySelectorsMadeOnOneDerivedBuilderStillConflict() {
    Idempotency base = Idempotency.builder(store).keyPath("orderId").build();

    assertThatThrownBy(() -> base.newBuilder().keyFunction(i -> i).keyPath("id"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keyPath conflicts with keyFunction");
  }

  @Test
  void aVariantMayUseAnotherStore() {
    Idempotency original = Idempotency.builder(store).keyPath("orderId").build();
    InMemoryStore other = new InMemoryStore();

    Idempotency moved = original.newBuilder().store(other).build();
    moved.call(Map.of("orderId", "o-1"), String.class, () -> "r");

    assertThat(other.size()).isEqualTo(1);
    assertThat(store.size()).isZero();
  }

  @Test
  void aVariantIsCheckedAsAnyBuildIs() {
    Idempotency original = Idempotency.builder(store).maxRunTime(Duration.ofMinutes(1)).build();

    assertThatThrownBy(() -> original.newBuilder().minRunTime(Duration.ofMinutes(2)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minRunTime");
  }

  /** Every getter reads the same from a variant built without changes: no setting is dropped. */
  @Test
  void aVariantBuiltWithoutChangesCarriesEverySetting() throws Exception {
    IdempotencyListener listener = new IdempotencyListener() {};
    Idempotency original =
        Idempotency.builder(store)
            .keyPrefix("p")
            .keyPath("id")
            .validationFunction(i -> i)
            .hashAlgorithm("SHA-512")
            .expiry(Duration.ofMinutes(7))
            .maxRunTime(Duration.ofMinutes(3))
            .minRunTime(Duration.ofSeconds(2))
            .leaseRenewal(false)
            .leaseLostPolicy(LeaseLostPolicy.RETURN_RESULT)
            .scheduler((delay, task) -> () -> {})
            .inProgressPolicy(InProgressPolicy.WAIT)
            .missingKeyPolicy(MissingKeyPolicy.RUN_WITHOUT_IDEMPOTENCY)
            .localCache(3)
            .objectMapper(new ObjectMapper())
            .codec(ResultCodec.json(new ObjectMapper()))
            .compressAbove(100)
            .maxResultBytes(5000)
            .permanentFailures(e -> true)
            .replayHook((result, replay) -> result)
            .listener(listener)
            .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
            .sleeper(d -> {})
            .build();

    IdempotencyConfig copied = original.newBuilder().build().config();

    for (Method getter : IdempotencyConfig.class.getDeclaredMethods()) {
      if (Modifier.isPublic(getter.getModifiers()) && getter.getParameterCount() == 0) {
        assertThat(getter.invoke(copied))
            .as(getter.getName())
            .isEqualTo(getter.invoke(original.config()));
      }
    }
  }

  @Test
  void toStringNamesTheSettingsButNoFunctionBodies() {
    String text =
        Idempotency.builder(store)
            .keyPrefix("pay")
            .keyPath("orderId")
            .validationFunction(i -> i)
            .build()
            .config()
            .toString();

    assertThat(text)
        .contains("keyPrefix=pay", "key=\"orderId\"", "validation=a function", "SHA-256");
  }
}
