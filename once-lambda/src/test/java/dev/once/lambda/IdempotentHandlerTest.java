package dev.once.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.once.IdempotencyException;
import dev.once.InMemoryStore;
import dev.once.InProgressException;
import dev.once.KeyExtractionException;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotentHandlerTest {

  private final InMemoryStore store = new InMemoryStore();
  private final AtomicInteger runs = new AtomicInteger();
  private final LambdaIdempotency once =
      LambdaIdempotency.builder()
          .config(LambdaConfig.builder().keyPath("orderId").build())
          .store(store)
          .build();
  private final Context context = LocalContext.of("pay", Duration.ofMillis(30_000));

  /** The README's example: a handler made idempotent in a few lines. */
  record Receipt(String orderId, int run) {}

  private Receipt pay(Map<String, Object> event, Context context) {
    return new Receipt((String) event.get("orderId"), runs.incrementAndGet());
  }

  @Test
  void aDuplicateEventGetsTheFirstResponseAndRunsNothing() {
    RequestHandler<Map<String, Object>, Receipt> handler = once.wrap(Receipt.class, this::pay);

    Receipt first = handler.handleRequest(Map.of("orderId", "o-1", "note", "a"), context);
    Receipt second = handler.handleRequest(Map.of("orderId", "o-1", "note", "b"), context);
    Receipt other = handler.handleRequest(Map.of("orderId", "o-2"), context);

    assertThat(second).isEqualTo(first).isEqualTo(new Receipt("o-1", 1));
    assertThat(other).isEqualTo(new Receipt("o-2", 2));
    assertThat(runs).hasValue(2);
  }

  @Test
  void theKeyIsPrefixedWithTheFunctionNameAndTheInProgressExpiryIsTheRemainingTime() {
    Instant before = Instant.now();
    Instant[] leaseEnd = new Instant[1];
    RequestHandler<Map<String, Object>, Receipt> handler =
        once.wrap(
            Receipt.class,
            (event, ctx) -> {
              IdempotencyRecord record = onlyRecord();
              assertThat(record.status()).isEqualTo(RecordStatus.INPROGRESS);
              leaseEnd[0] = record.inProgressExpiresAt();
              return pay(event, ctx);
            });

    handler.handleRequest(Map.of("orderId", "o-1"), context);

    assertThat(onlyRecord().key()).startsWith("pay.handleRequest#");
    assertThat(leaseEnd[0])
        .isAfterOrEqualTo(before.plusMillis(30_000).minusMillis(1))
        // stores keep milliseconds, rounded up: the lease may end within the millisecond after
        .isBeforeOrEqualTo(Instant.now().plusMillis(30_000).plusMillis(1));
  }

  @Test
  void aHandlerErrorPassesThroughUnchangedAndReleasesTheKey() {
    IllegalStateException boom = new IllegalStateException("card declined");
    RequestHandler<Map<String, Object>, Receipt> failing =
        once.wrap(
            Receipt.class,
            (event, ctx) -> {
              runs.incrementAndGet();
              throw boom;
            });

    assertThatThrownBy(() -> failing.handleRequest(Map.of("orderId", "o-1"), context))
        .isSameAs(boom);
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void aDuplicateOfAKeyInProgressFailsSoLambdaRetriesIt() {
    RequestHandler<Map<String, Object>, Receipt> inner = once.wrap(Receipt.class, this::pay);
    RequestHandler<Map<String, Object>, Receipt> outer =
        once.wrap(Receipt.class, (event, ctx) -> inner.handleRequest(event, ctx));

    assertThatThrownBy(() -> outer.handleRequest(Map.of("orderId", "o-1"), context))
        .isInstanceOf(InProgressException.class);
    assertThat(runs).hasValue(0);
  }

  @Test
  void theBaseClassRunsHandleOncePerKey() {
    final class PayHandler extends IdempotentRequestHandler<Map<String, Object>, Receipt> {
      PayHandler() {
        super(once, Receipt.class);
      }

      @Override
      protected Receipt handle(Map<String, Object> event, Context context) {
        return pay(event, context);
      }
    }
    PayHandler handler = new PayHandler();

    Receipt first = handler.handleRequest(Map.of("orderId", "o-1"), context);

    assertThat(handler.handleRequest(Map.of("orderId", "o-1"), context)).isEqualTo(first);
    assertThat(runs).hasValue(1);
  }

  @Test
  void disabledRunsEveryInvocationAndWritesNothing() {
    LambdaIdempotency off =
        LambdaIdempotency.fromEnvironment(Map.of("ONCE_DISABLED", "true"), t -> store);
    RequestHandler<Map<String, Object>, Receipt> handler = off.wrap(Receipt.class, this::pay);

    handler.handleRequest(Map.of("orderId", "o-1"), context);
    handler.handleRequest(Map.of("orderId", "o-1"), context);

    assertThat(runs).hasValue(2);
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 10)).isEmpty();
  }

  @Test
  void aStreamHandlerReplaysTheExactResponseBytes() throws Exception {
    RequestStreamHandler raw =
        (in, out, ctx) -> {
          String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          out.write(
              ("run " + runs.incrementAndGet() + " of " + event).getBytes(StandardCharsets.UTF_8));
        };
    RequestStreamHandler handler = once.wrapStream(raw);

    String first = invoke(handler, "{\"orderId\":\"o-1\",\"n\":1}");
    String second = invoke(handler, "{\"n\":2, \"orderId\":\"o-1\"}");

    assertThat(first).isEqualTo("run 1 of {\"orderId\":\"o-1\",\"n\":1}");
    assertThat(second).isEqualTo(first);
    assertThat(runs).hasValue(1);
  }

  @Test
  void aStreamThatIsNotJsonIsATypedErrorAndRunsNothing() {
    RequestStreamHandler handler = once.wrapStream((in, out, ctx) -> runs.incrementAndGet());

    assertThatThrownBy(() -> invoke(handler, "order o-1, please"))
        .isInstanceOf(EventFormatException.class)
        .isInstanceOf(KeyExtractionException.class)
        .hasMessageContaining("not JSON")
        .satisfies(e -> assertThat(((IdempotencyException) e).isRetryable()).isFalse());
    assertThatThrownBy(() -> invoke(handler, ""))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("empty");
    assertThat(runs).hasValue(0);
  }

  private String invoke(RequestStreamHandler handler, String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
    return out.toString(StandardCharsets.UTF_8);
  }

  private IdempotencyRecord onlyRecord() {
    List<IdempotencyRecord> records = store.list(EnumSet.allOf(RecordStatus.class), 10);
    assertThat(records).hasSize(1);
    return records.get(0);
  }
}
