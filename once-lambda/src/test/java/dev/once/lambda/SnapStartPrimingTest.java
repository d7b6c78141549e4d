package dev.once.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.InMemoryStore;
import dev.once.StoreException;
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.ForwardingStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming: one call, its duplicate and a purge through the store, under a key of its own,
 * leaving nothing behind; registered only when the switch is on; a failure never fails the
 * snapshot.
 */
class SnapStartPrimingTest {

  private final InMemoryStore records = new InMemoryStore();
  private final CountingStore store = new CountingStore(records);

  @Test
  void primingRunsAFirstCallItsReplayAndAPurgeAndLeavesNothingBehind() {
    LambdaIdempotency once = build(LambdaConfig.builder().snapStartPriming(true));

    once.snapStartPriming().beforeCheckpoint(null);

    assertThat(store.operations)
        .containsExactly("acquire:acquired", "complete:written", "acquire:existing", "purge:true");
    assertThat(store.keys).allMatch(k -> k.startsWith("pay.once-snapstart-priming#"));
    assertThat(records.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void primingUsesItsOwnKeyWhateverTheFunctionsKeySettings() {
    LambdaIdempotency once =
        LambdaIdempotency.builder()
            .config(
                LambdaConfig.builder()
                    .functionName("pay")
                    .validationPath("powertools_json(body).amountCents")
                    .localCache(100)
                    .build())
            .store(store)
            .customize(b -> b.keyFunction(input -> "always-the-same"))
            .build();

    once.primeForSnapStart();
    once.primeForSnapStart();

    // Two primings, two fresh keys, each acquired anew: no replay of an earlier priming.
    assertThat(store.operations).filteredOn(o -> o.equals("acquire:acquired")).hasSize(2);
    assertThat(store.keys.stream().distinct()).hasSize(2);
    assertThat(records.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void theSwitchOffRegistersNothing() {
    assertThat(build(LambdaConfig.builder()).snapStartPriming()).isNull();
    assertThat(store.operations).isEmpty();
  }

  @Test
  void aFailedPrimingIsAWarningAndTheRecordIsStillPurged() {
    store.failAcquires = true;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    LambdaIdempotency once =
        LambdaIdempotency.builder()
            .config(LambdaConfig.builder().functionName("pay").snapStartPriming(true).build())
            .store(store)
            .diagnostics(
                new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8), () -> false))
            .build();

    once.snapStartPriming().beforeCheckpoint(null);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("WARN dev.once.lambda - SnapStart priming failed")
        .contains("injected");
    assertThat(store.operations).contains("purge:false");
    assertThat(records.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
    assertThatThrownBy(once::primeForSnapStart).isInstanceOf(StoreException.class);
  }

  @Test
  void primingADisabledInstanceDoesNothing() {
    LambdaIdempotency once =
        LambdaIdempotency.builder()
            .config(LambdaConfig.builder().disabled(true).snapStartPriming(true).build())
            .diagnostics(new Diagnostics(new PrintStream(new ByteArrayOutputStream()), () -> false))
            .store(store)
            .build();

    once.primeForSnapStart();

    assertThat(once.snapStartPriming()).isNull();
    assertThat(store.operations).isEmpty();
  }

  private LambdaIdempotency build(LambdaConfig.Builder config) {
    return LambdaIdempotency.builder()
        .config(config.functionName("pay").build())
        .store(store)
        .build();
  }

  /** Records each store operation and its outcome; completes can be made to fail. */
  private static final class CountingStore extends ForwardingStore {
    final List<String> operations = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    volatile boolean failAcquires;

    CountingStore(IdempotencyStore delegate) {
      super(delegate);
    }

    @Override
    public AcquireResult acquire(AcquireRequest request) {
      keys.add(request.key());
      if (failAcquires) {
        operations.add("acquire:failed");
        throw new StoreException("injected acquire failure", request.key(), null);
      }
      AcquireResult result = super.acquire(request);
      operations.add(
          "acquire:" + (result instanceof AcquireResult.Acquired ? "acquired" : "existing"));
      return result;
    }

    @Override
    public WriteOutcome complete(Completion completion) {
      WriteOutcome outcome = super.complete(completion);
      operations.add("complete:" + outcome.name().toLowerCase(java.util.Locale.ROOT));
      return outcome;
    }

    @Override
    public boolean purge(String key) {
      boolean purged = super.purge(key);
      operations.add("purge:" + purged);
      return purged;
    }
  }
}
