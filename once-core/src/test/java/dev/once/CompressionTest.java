package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompressionTest {

  private final InMemoryStore store = new InMemoryStore();
  private final Idempotency idempotency = Idempotency.builder(store).compressAbove(1024).build();

  private byte[] storedData() {
    List<IdempotencyRecord> records = store.list(EnumSet.allOf(RecordStatus.class), 10);
    assertThat(records).hasSize(1);
    return records.get(0).data();
  }

  @Test
  void resultAboveTheThresholdIsStoredGzippedAndReplaysIntact() {
    String large = "line of a receipt ".repeat(2_000);

    assertThat(idempotency.call("k", String.class, () -> large)).isEqualTo(large);

    byte[] data = storedData();
    assertThat(data[0]).isEqualTo((byte) 0x1f);
    assertThat(data[1]).isEqualTo((byte) 0x8b);
    assertThat(data.length).isLessThan(large.length() / 10);
    assertThat(idempotency.call("k", String.class, () -> "not run")).isEqualTo(large);
  }

  @Test
  void resultBelowTheThresholdIsStoredAsPlainJson() {
    assertThat(idempotency.call("k", String.class, () -> "small")).isEqualTo("small");

    assertThat(new String(storedData(), StandardCharsets.UTF_8)).isEqualTo("\"small\"");
    assertThat(idempotency.call("k", String.class, () -> "not run")).isEqualTo("small");
  }

  @Test
  void compressionCountsTowardsTheResultLimit() {
    Idempotency limited =
        Idempotency.builder(store).compressAbove(1024).maxResultBytes(2_000).build();
    String large = "x".repeat(50_000); // 50 KB raw, a few hundred bytes gzipped

    assertThat(limited.call("k", String.class, () -> large)).isEqualTo(large);
    assertThat(limited.call("k", String.class, () -> "not run")).isEqualTo(large);
  }

  @Test
  void storedDataReadsBackAsTheCodecWroteItWhetherCompressedOrNot() {
    String large = "line of a receipt ".repeat(2_000);
    idempotency.call("large", String.class, () -> large);
    byte[] compressed = storedData();
    store.purge(store.list(EnumSet.allOf(RecordStatus.class), 10).get(0).key());
    idempotency.call("small", String.class, () -> "small");
    byte[] plain = storedData();

    assertThat(StoredData.isCompressed(compressed)).isTrue();
    assertThat(new String(StoredData.uncompressed(compressed), StandardCharsets.UTF_8))
        .isEqualTo("\"" + large + "\"");
    assertThat(StoredData.isCompressed(plain)).isFalse();
    assertThat(StoredData.uncompressed(plain)).isSameAs(plain);
  }
}
