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
  final LongAdder leaseLost = new LongAdder();
  final LongAdder overruns = new LongAdder();

  /** Lease losses heard on each delivering thread: the engine calls listeners on the caller. */
  private final ThreadLocal<int[]> leaseLostHere = ThreadLocal.withInitial(() -> new int[1]);

  /** True when this thread's current call lost its lease since the last ask; resets. */
  boolean takeLeaseLost() {
    int[] here = leaseLostHere.get();
    boolean lost = here[0] > 0;
    here[0] = 0;
    return lost;
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
    leaseLost.increment();
    leaseLostHere.get()[0]++;
  }

  @Override
  public void onStoreCall(StoreOperation operation, Duration latency, boolean failed) {
    storeCalls.increment();
  }
}
