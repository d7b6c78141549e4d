package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.spi.RecordStatus;
import dev.once.spi.ResultCodec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A result type Jackson can write but not read back is refused before the work runs, instead of
 * succeeding once and then failing every replay of its key until the record expires.
 */
class ReadableResultTypesTest {

  private final InMemoryStore store = new InMemoryStore();
  private final AtomicInteger runs = new AtomicInteger();
  private final Idempotency idempotency = Idempotency.builder(store).build();

  /** Written through its getters; no constructor Jackson can call. */
  public static final class Charge {
    private final String id;
    private final long cents;

    public Charge(String id, long cents) {
      this.id = id;
      this.cents = cents;
    }

    public String getId() {
      return id;
    }

    public long getCents() {
      return cents;
    }
  }

  public interface Shape {
    String name();
  }

  public record Square(String name) implements Shape {}

  public record Payment(String orderId, Charge charge) {}

  public record Receipt(String orderId, long cents) {}

  public enum Outcome {
    PAID,
    DECLINED
  }

  private <T> T call(String key, ResultType<T> type, T result) {
    return idempotency.call(
        key,
        type,
        () -> {
          runs.incrementAndGet();
          return result;
        });
  }

  private void assertNothingRanOrWasWritten() {
    assertThat(runs).hasValue(0);
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void aClassWithNoUsableConstructorIsRefusedBeforeTheWorkRuns() {
    assertThatThrownBy(() -> call("k", ResultType.of(Charge.class), new Charge("c-1", 5)))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining(Charge.class.getName())
        .hasMessageContaining("constructor")
        .hasMessageContaining(idempotency.keyOf("k"));
    assertNothingRanOrWasWritten();
  }

  @Test
  void anInterfaceWithoutTypeInformationIsRefused() {
    assertThatThrownBy(() -> call("k", ResultType.of(Shape.class), new Square("sq")))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining(Shape.class.getName())
        .hasMessageContaining("abstract");
    assertNothingRanOrWasWritten();
  }

  @Test
  void anUnreadablePropertyOrElementIsFoundToo() {
    assertThatThrownBy(
            () -> call("k", ResultType.of(Payment.class), new Payment("o-1", new Charge("c", 1))))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining("\"charge\"")
        .hasMessageContaining(Charge.class.getName());
    assertThatThrownBy(
            () -> call("k", new ResultType<List<Charge>>() {}, List.of(new Charge("c", 1))))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining(Charge.class.getName());
    assertThatThrownBy(
            () -> call("k", new ResultType<Map<String, Shape>>() {}, Map.of("a", new Square("s"))))
        .isInstanceOf(ResultCodecException.class)
        .hasMessageContaining(Shape.class.getName());
    assertNothingRanOrWasWritten();
  }

  @Test
  void readableTypesRunAndReplay() throws Exception {
    JsonNode tree = new ObjectMapper().readTree("{\"a\":[1,2]}");
    assertReplays("record", ResultType.of(Receipt.class), new Receipt("o-1", 5));
    assertReplays("list", new ResultType<List<Receipt>>() {}, List.of(new Receipt("o-1", 5)));
    assertReplays("map", new ResultType<Map<String, Integer>>() {}, Map.of("a", 1));
    assertReplays("string", ResultType.of(String.class), "text");
    assertReplays("enum", ResultType.of(Outcome.class), Outcome.PAID);
    assertReplays("tree", ResultType.of(JsonNode.class), tree);
    assertReplays("object", ResultType.of(Object.class), Map.of("a", 1));
    assertReplays("void", ResultType.of(Void.class), null);
    assertReplays("array", ResultType.of(long[].class), new long[] {1, 2});
  }

  private <T> void assertReplays(String key, ResultType<T> type, T result) {
    int before = runs.get();
    T first = call(key, type, result);
    T replayed = call(key, type, result);

    assertThat(replayed).usingRecursiveComparison().isEqualTo(first);
    assertThat(runs).hasValue(before + 1);
  }

  @Test
  void aCustomCodecIsAskedOncePerTypeAndMayOptOut() {
    AtomicInteger checks = new AtomicInteger();
    ResultCodec json = ResultCodec.json(new ObjectMapper());
    ResultCodec checking =
        new ResultCodec() {
          @Override
          public byte[] encode(Object value) {
            return json.encode(value);
          }

          @Override
          public <T> T decode(byte[] data, ResultType<T> type) {
            return json.decode(data, type);
          }

          @Override
          public void checkReadable(ResultType<?> type) {
            checks.incrementAndGet();
          }
        };
    Idempotency custom = Idempotency.builder(store).codec(checking).build();

    for (int i = 0; i < 5; i++) {
      custom.call("k" + i, Receipt.class, () -> new Receipt("o", 1));
    }

    assertThat(checks).hasValue(1);
  }

  @Test
  void aCodecWithoutACheckLetsEveryTypeThrough() {
    ResultCodec json = ResultCodec.json(new ObjectMapper());
    ResultCodec unchecked =
        new ResultCodec() {
          @Override
          public byte[] encode(Object value) {
            return json.encode(value);
          }

          @Override
          public <T> T decode(byte[] data, ResultType<T> type) {
            return json.decode(data, type);
          }
        };

    Charge charge =
        Idempotency.builder(store)
            .codec(unchecked)
            .build()
            .call("k", Charge.class, () -> new Charge("c-1", 5));

    assertThat(charge.getId()).isEqualTo("c-1");
  }
}
