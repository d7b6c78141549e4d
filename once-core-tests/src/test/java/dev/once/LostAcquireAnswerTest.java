package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import dev.once.testkit.ForwardingStore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client retries a conditional write whose first attempt landed but whose answer was lost (the
 * AWS SDK does so on a 5xx or a timeout): the retry finds the call's own record.
 */
class LostAcquireAnswerTest {

  /** Applies the first acquire, "loses" its answer, and answers the retry. */
  static final class LostAnswerStore extends ForwardingStore {
    private final AtomicBoolean first = new AtomicBoolean(true);

    LostAnswerStore() {
      super(new InMemoryStore());
    }

    @Override
    public AcquireResult acquire(AcquireRequest request) {
      if (first.getAndSet(false)) {
        super.acquire(request);
      }
      return super.acquire(request);
    }
  }

  @Test
  void theCallHoldsTheKeyItsOwnLandedWriteTook() {
    LostAnswerStore store = new LostAnswerStore();
    Idempotency idempotency = Idempotency.builder(store).build();
    AtomicInteger runs = new AtomicInteger();

    Integer result = idempotency.call("order-1", Integer.class, runs::incrementAndGet);

    assertThat(result).isEqualTo(1);
    assertThat(runs).hasValue(1);
    String key = idempotency.keyOf("order-1");
    assertThat(store.find(key))
        .get()
        .extracting(IdempotencyRecord::status)
        .isEqualTo(RecordStatus.COMPLETED);
    assertThat(idempotency.call("order-1", Integer.class, runs::incrementAndGet)).isEqualTo(1);
    assertThat(runs).hasValue(1);
  }
}
