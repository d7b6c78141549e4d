package dev.once.cli;

import dev.once.IdempotencyListener;
import dev.once.spi.StoreOperation;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one simulation; the engine's events arrive through the listener. */
final class Tally implements IdempotencyListener {

  final LongAdder deliveries = new LongAdder();
  final LongAdder redeliveries = new LongAdder();
  final LongAdder executions = new LongAdder();
  final LongAdder replays = new LongAdder();
  final LongAdder inProgress = new LongAdder();
  final LongAdder waits = new LongAdder();
  final LongAdder failures = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder crashes = new LongAdder();
  final LongAdder otherErrors = new LongAdder();
  final LongAdder deadLetters = new LongAdder();
  final LongAdder storeCalls = new LongAdder();
  final LongAdder leaseTooShortErrors = new LongAdder();
  final LongAdder leaseLostErrors = new LongAdder();
  final LongAdder overruns = new LongAdder();
  final LongAdder completionFailures = new LongAdder();

  /**
   * What befell the current call on each delivering thread (the engine calls listeners on the
   * caller's thread): [0] its lease was lost, [1] its result could not be stored.
   */
  private final ThreadLocal<int[]> here = ThreadLocal.withInitial(() -> new int[2]);

  /** Forgets what befell earlier calls on this thread. */
  void startCall() {
    int[] flags = here.get();
    flags[0] = 0;
    flags[1] = 0;
  }

  /** True when this thread's current call lost its lease. */
  boolean leaseLostHere() {
    return here.get()[0] > 0;
  }

  /** True when this thread's current call could not store its result. */
  boolean completionFailedHere() {
    return here.get()[1] > 0;
  }

  @Override
  public void onCompletionFailed(String key, dev.once.StoreException error) {
    completionFailures.increment();
    here.get()[1]++;
  }

  @Override
  public void onReplay(String key, boolean fromLocalCache) {
    replays.increment();
  }

  @Override
  public void onInProgress(String key) {
    inProgress.increment();
  }

  @Override
  public void onWait(String key, Duration waited) {
    waits.increment();
  }

  @Override
  public void onLeaseLost(String key) {
    here.get()[0]++;
  }

  @Override
  public void onStoreCall(StoreOperation operation, Duration latency, boolean failed) {
    storeCalls.increment();
  }
}
