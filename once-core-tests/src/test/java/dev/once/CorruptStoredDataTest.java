package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whatever a finished record's data holds, decoding it fails with {@link ResultCodecException}
 * naming the key, never with an unchecked I/O error or a NullPointerException, and nothing runs.
 */
class CorruptStoredDataTest {

  /** A store that answers with records planted by hand, as another writer (or a bug) left them. */
  private static final class PlantingStore extends CountingStore {
    final Map<String, IdempotencyRecord> planted = new ConcurrentHashMap<>();

    @Override
    public AcquireResult acquire(AcquireRequest request) {
      IdempotencyRecord record = planted.get(request.key());
      return record != null ? AcquireResult.existing(record) : super.acquire(request);
    }
  }

  /**
   * Data as it may be found, and what the error says: none, not gzip though marked so, cut short,
   * not JSON, nothing, JSON of another shape.
   */
  enum Corruption {
    NO_DATA(null, "no data"),
    GZIP_MAGIC_THEN_GARBAGE(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}, "gzip"),
    TRUNCATED_GZIP(truncatedGzip(), "gzip"),
    NOT_JSON("not json {".getBytes(StandardCharsets.UTF_8), ""),
    EMPTY(new byte[0], ""),
    JSON_OF_ANOTHER_SHAPE("[1,2]".getBytes(StandardCharsets.UTF_8), "");

    final byte[] data;
    final String said;

    Corruption(byte[] data, String said) {
      this.data = data;
      this.said = said;
    }

    private static byte[] truncatedGzip() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(
            "{\"type\":\"x.Declined\",\"message\":\"no\"}"
                .repeat(20)
                .getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] whole = out.toByteArray();
      return Arrays.copyOf(whole, whole.length / 2);
    }
  }

  private final PlantingStore store = new PlantingStore();
  private final AtomicInteger runs = new AtomicInteger();

  record Receipt(String id, long cents) {}

  private void plant(Idempotency idempotency, String input, RecordStatus status, byte[] data) {
    String key = idempotency.keyOf(input);
    Instant now = Instant.now();
    store.planted.put(
        key,
        new IdempotencyRecord(
            key, status, now.plus(1, ChronoUnit.HOURS), now, null, data, "someone-else"));
  }

  private Receipt call(Idempotency idempotency, String input) {
    return idempotency.call(
        input, Receipt.class, () -> new Receipt("r" + runs.incrementAndGet(), 1));
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void aCorruptStoredFailureIsACodecErrorNamingTheKey(Corruption corruption) {
    Idempotency idempotency = Idempotency.builder(store).permanentFailures(e -> true).build();
    plant(idempotency, "k", RecordStatus.FAILED, corruption.data);

    assertThatThrownBy(() -> call(idempotency, "k"))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining(idempotency.keyOf("k"))
        .hasMessageContaining(corruption.said)
        .extracting(e -> ((ResultCodecException) e).key())
        .isEqualTo(idempotency.keyOf("k"));
    assertThat(runs).hasValue(0);
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void aCorruptStoredResultIsACodecErrorNamingTheKey(Corruption corruption) {
    Idempotency idempotency = Idempotency.builder(store).build();
    plant(idempotency, "k", RecordStatus.COMPLETED, corruption.data);

    assertThatThrownBy(() -> call(idempotency, "k"))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining(idempotency.keyOf("k"))
        .hasMessageContaining(corruption.said);
    assertThat(runs).hasValue(0);
  }

  @Test
  void aWellFormedStoredFailureStillReplays() {
    Idempotency idempotency = Idempotency.builder(store).permanentFailures(e -> true).build();
    plant(
        idempotency,
        "k",
        RecordStatus.FAILED,
        "{\"type\":\"x.Declined\",\"message\":null}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> call(idempotency, "k"))
        .isInstanceOf(StoredFailureException.class)
        .hasMessageContaining("x.Declined");
  }

  @Test
  void aCorruptRecordIsNotKeptInTheLocalCache() {
    Idempotency idempotency = Idempotency.builder(store).localCache(10).build();
    plant(idempotency, "k", RecordStatus.COMPLETED, Corruption.NOT_JSON.data);
    assertThatThrownBy(() -> call(idempotency, "k")).isInstanceOf(ResultCodecException.class);

    store.planted.clear(); // an operator purges the record

    assertThat(call(idempotency, "k")).isEqualTo(new Receipt("r1", 1));
  }
}
