package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.spi.ResultCodec;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CodecTest {

  private final InMemoryStore store = new InMemoryStore();
  private final AtomicInteger runs = new AtomicInteger();

  private List<IdempotencyRecord> records() {
    return store.list(EnumSet.allOf(RecordStatus.class), 10);
  }

  record Receipt(String id, long cents) {}

  @Test
  void powertoolsFormatStoresAStringResultAsItsText() {
    Idempotency idempotency = Idempotency.builder(store).keyFormat(KeyFormat.POWERTOOLS).build();

    idempotency.call("k", String.class, () -> "plain text");

    assertThat(new String(records().get(0).data(), StandardCharsets.UTF_8)).isEqualTo("plain text");
    assertThat(idempotency.call("k", String.class, () -> "not run")).isEqualTo("plain text");
  }

  @Test
  void replayIntoAnotherTypeIsACodecErrorNamingTheKey() {
    Idempotency idempotency = Idempotency.builder(store).build();
    idempotency.call("k", String.class, () -> "text");

    assertThatThrownBy(() -> idempotency.call("k", Receipt.class, () -> new Receipt("x", 1)))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining(idempotency.keyOf("k"));
  }

  @Test
  void codecWritingTheGzipMarkerIsRefusedAndTheKeyReleased() {
    ResultCodec rogue =
        new ResultCodec() {
          @Override
          public byte[] encode(Object value) {
            return new byte[] {0x1f, (byte) 0x8b, 1, 2};
          }

          @Override
          public <T> T decode(byte[] data, ResultType<T> type) {
            throw new AssertionError("never decoded");
          }
        };
    Idempotency idempotency = Idempotency.builder(store).codec(rogue).build();

    assertThatThrownBy(
            () -> idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining("gzip");
    assertThat(records()).isEmpty();
  }

  @Test
  void codecThrowingAnyRuntimeExceptionIsACodecErrorAndTheKeyReleased() {
    IllegalStateException bug = new IllegalStateException("codec bug");
    ResultCodec broken =
        new ResultCodec() {
          @Override
          public byte[] encode(Object value) {
            throw bug;
          }

          @Override
          public <T> T decode(byte[] data, ResultType<T> type) {
            throw bug;
          }
        };
    Idempotency idempotency = Idempotency.builder(store).codec(broken).build();

    assertThatThrownBy(
            () -> idempotency.call("k", String.class, () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(ResultCodecException.class)
        .hasCause(bug);
    assertThat(records()).isEmpty();
  }

  @Test
  void codecFailingToDecodeIsACodecErrorKeepingTheCause() {
    IllegalStateException bug = new IllegalStateException("decoder bug");
    Idempotency.builder(store).build().call("k", String.class, () -> "stored");
    ResultCodec failingDecoder =
        new ResultCodec() {
          @Override
          public byte[] encode(Object value) {
            return new byte[] {'1'};
          }

          @Override
          public <T> T decode(byte[] data, ResultType<T> type) {
            throw bug;
          }
        };

    assertThatThrownBy(
            () ->
                Idempotency.builder(store)
                    .codec(failingDecoder)
                    .build()
                    .call("k", String.class, () -> "x"))
        .isInstanceOf(ResultCodecException.class)
        .hasCause(bug);
  }

  @Test
  void inputWithoutAJsonFormIsAKeyExtractionErrorAndNothingRuns() {
    Idempotency idempotency = Idempotency.builder(store).build();

    assertThatThrownBy(
            () -> idempotency.call(new Object(), String.class, () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(KeyExtractionException.class)
        .hasMessageContaining("java.lang.Object");
    assertThat(runs).hasValue(0);
  }

  @Test
  void throwingKeyFunctionIsAKeyExtractionErrorKeepingTheCause() {
    IllegalStateException cause = new IllegalStateException("no id");
    Idempotency idempotency =
        Idempotency.builder(store)
            .keyFunction(
                i -> {
                  throw cause;
                })
            .build();

    assertThatThrownBy(
            () -> idempotency.call("in", String.class, () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(KeyExtractionException.class)
        .hasCause(cause);
    assertThat(runs).hasValue(0);
  }

  @Test
  void recordsReplayAsRecords() {
    Idempotency idempotency = Idempotency.builder(store).build();

    Receipt first = idempotency.call("k", Receipt.class, () -> new Receipt("r-1", 500));

    assertThat(idempotency.call("k", Receipt.class, () -> new Receipt("r-2", 0))).isEqualTo(first);
  }
}
