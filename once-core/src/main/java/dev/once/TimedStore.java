package dev.once;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.StoreOperation;
import dev.once.spi.TransactionalStore;
import dev.once.spi.WriteOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine's view of a store: every call timed for the listener, and any unexpected runtime
 * exception from a store turned into a {@link StoreException} so the engine fails closed with a
 * typed error.
 */
final class TimedStore {

  private final IdempotencyStore store;
  private final IdempotencyListener listener;

  TimedStore(IdempotencyStore store, IdempotencyListener listener) {
    this.store = store;
    this.listener = listener;
  }

  IdempotencyStore unwrap() {
    return store;
  }

  AcquireResult acquire(AcquireRequest request) {
    return timed(StoreOperation.ACQUIRE, request.key(), () -> store.acquire(request));
  }

  WriteOutcome complete(Completion completion) {
    return timed(StoreOperation.COMPLETE, completion.key(), () -> store.complete(completion));
  }

  <C> WriteOutcome complete(TransactionalStore<C> transactional, C tx, Completion completion) {
    return timed(
        StoreOperation.COMPLETE, completion.key(), () -> transactional.complete(tx, completion));
  }

  WriteOutcome extend(LeaseExtension extension) {
    return timed(StoreOperation.EXTEND, extension.key(), () -> store.extend(extension));
  }

  ReleaseOutcome release(String key, String lease) {
    return timed(StoreOperation.RELEASE, key, () -> store.release(key, lease));
  }

  Optional<IdempotencyRecord> find(String key) {
    return timed(StoreOperation.FIND, key, () -> store.find(key));
  }

  private <R> R timed(StoreOperation operation, String key, Supplier<R> call) {
    long start = System.nanoTime();
    boolean failed = true;
    try {
      R result = call.get();
      failed = false;
      return result;
    } catch (StoreException | CorruptRecordException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException(
          store.getClass().getSimpleName() + " failed on " + operation + " for key " + key, key, e);
    } finally {
      listener.onStoreCall(operation, Duration.ofNanos(System.nanoTime() - start), failed);
    }
  }
}
