package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class JmesPathFunctionsTest {

  private static final String ORDER = "{\"orderId\":\"o-1\",\"amount\":5}";

  private static String keyOf(String keyPath, Object input) {
    return Idempotency.builder(new InMemoryStore()).keyPath(keyPath).build().keyOf(input);
  }

  private static String plainKey() {
    return keyOf("orderId", Map.of("orderId", "o-1"));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void powertoolsJsonParsesAStringBody() {
    assertThat(keyOf("powertools_json(body).orderId", Map.of("body", ORDER))).isEqualTo(plainKey());
  }

  @Test
  void powertoolsBase64DecodesToText() {
    String data = base64(ORDER.getBytes(StandardCharsets.UTF_8));

    assertThat(keyOf("powertools_json(powertools_base64(data)).orderId", Map.of("data", data)))
        .isEqualTo(plainKey());
    assertThat(
            keyOf(
                "powertools_base64(data)",
                Map.of("data", base64("o-1".getBytes(StandardCharsets.UTF_8)))))
        .isEqualTo(plainKey());
  }

  @Test
  void powertoolsBase64GzipDecodesAndInflates() throws Exception {
    String data = base64(gzip(ORDER));

    assertThat(keyOf("powertools_json(powertools_base64_gzip(data)).orderId", Map.of("data", data)))
        .isEqualTo(plainKey());
  }

  @Test
  void badDataInAFunctionIsAKeyExtractionErrorAndNothingRuns() {
    AtomicInteger runs = new AtomicInteger();
    Idempotency json =
        Idempotency.builder(new InMemoryStore()).keyPath("powertools_json(body).orderId").build();
    Idempotency b64 =
        Idempotency.builder(new InMemoryStore()).keyPath("powertools_base64(data)").build();
    Idempotency gz =
        Idempotency.builder(new InMemoryStore()).keyPath("powertools_base64_gzip(data)").build();

    assertThatThrownBy(
            () ->
                json.call(
                    Map.of("body", "{not json"), String.class, () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(KeyExtractionException.class)
        .hasMessageContaining("powertools_json(body).orderId");
    assertThatThrownBy(
            () -> b64.call(Map.of("data", "!!!"), String.class, () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(KeyExtractionException.class);
    assertThatThrownBy(
            () ->
                gz.call(
                    Map.of("data", base64(new byte[] {1, 2, 3})),
                    String.class,
                    () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(KeyExtractionException.class);
    assertThat(runs).hasValue(0);
  }
}
