package dev.once;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.WriteOutcome;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client retries a conditional write whose first attempt landed but whose answer was lost (the
 * AWS SDK does so on a 5xx or a timeout): the retry finds the call's own record.
 */
class LostAcquireAnswerTest {

  /** Applies the first acquire, "loses" its answer, and answers the retry. */
  static final class LostAnswerStore implements IdempotencyStore {
    final InMemoryStore records = new InMemoryStore();
    final AtomicBoolean first = new AtomicBoolean(true);

    @Override
    public AcquireResult acquire(AcquireRequest request) {
      if (first.getAndSet(false)) {
        records.acquire(request);
      }
      return records.acquire(request);
    }

    @Override
    public WriteOutcome complete(Completion completion) {
      return records.complete(completion);
    }

    @Override
    public WriteOutcome extend(LeaseExtension extension) {
      return records.extend(extension);
    }

    @Override
    public ReleaseOutcome release(String key, String lease) {
      return records.release(key, lease);
    }

    @Override
    public Optional<IdempotencyRecord> find(String key) {
      return records.find(key);
    }

    @Override
    public boolean purge(String key) {
      return records.purge(key);
    }

    @Override
    public List<IdempotencyRecord> list(Set<RecordStatus> statuses, int limit) {
      return records.list(statuses, limit);
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
