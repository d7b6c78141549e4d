package dev.once.cli;

import dev.once.Idempotency;
import dev.once.IdempotencyListener;
import dev.once.InProgressException;
import dev.once.LeaseLostException;
import dev.once.LeaseTooShortException;
import dev.once.ResultType;
import dev.once.spi.IdempotencyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Delivers a plan at least once, as an event source does, to a workload made idempotent by Once,
 * and tallies what happened. A failed, timed-out, crashed or in-progress delivery is delivered
 * again later, up to the scenario's attempt limit. One run per instance.
 */
final class Simulator {

  private final Plan plan;
  private final Workload workload;
  private final Idempotency idempotency;
  private final IdempotencyStore store;
  private final String keyPrefix;
  private final Tally tally = new Tally();
  private final Latencies latencies = new Latencies();
  private final AtomicIntegerArray crashedEffects;
  private final List<Set<Object>> results;
  private final DelayQueue<Pending> redeliveries = new DelayQueue<>();
  private final AtomicInteger settled = new AtomicInteger();
  private final AtomicReference<Error> broken = new AtomicReference<>();

  Simulator(Plan plan, Workload workload, IdempotencyStore store, String keyPrefix) {
    this.plan = plan;
    this.workload = workload;
    this.store = store;
    this.keyPrefix = keyPrefix;
    java.util.function.Consumer<Idempotency.Builder> settings =
        b ->
            b.keyPrefix(keyPrefix)
                .inProgressPolicy(plan.scenario().inProgress())
                // Simulated invocations are far shorter than Lambda's (tens of milliseconds): the
                // engine's default minimum of 200 ms would refuse them all. A quarter of the
                // shortest keeps the guard: a late acquire answer still refuses to start the work.
                .minRunTime(
                    Duration.ofMillis(Math.max(1, plan.scenario().minRemainingMillis() / 4)))
                .listener(tally);
    Idempotency.Builder builder = Idempotency.builder(store);
    settings.accept(builder);
    workload.connect(store, keyPrefix, settings);
    if (workload.keyPath() != null) {
      builder.keyPath(workload.keyPath());
    }
    this.idempotency = builder.build();
    this.crashedEffects = new AtomicIntegerArray(workload.units());
    this.results =
        java.util.stream.IntStream.range(0, workload.units())
            .<Set<Object>>mapToObj(i -> ConcurrentHashMap.newKeySet())
            .toList();
  }

  /** The number of planned deliveries settled so far (delivered, or given up on). */
  int settled() {
    return settled.get();
  }

  /** Runs the whole plan and reports. Blocks until every delivery has settled. */
  Report run() throws InterruptedException {
    warmUp();
    Scenario scenario = plan.scenario();
    ExecutorService instances = Executors.newFixedThreadPool(scenario.concurrency(), daemons());
    Semaphore free = new Semaphore(scenario.concurrency());
    long start = System.nanoTime();
    try {
      dispatch(scenario, instances, free, start);
    } finally {
      instances.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    instances.awaitTermination(1, TimeUnit.SECONDS);
    return Report.of(plan, workload, tally, latencies, crashedEffects, results, elapsed);
  }

  private void dispatch(Scenario scenario, ExecutorService instances, Semaphore free, long start)
      throws InterruptedException {
    int planned = plan.deliveries();
    var slots = plan.slots().iterator();
    long dispatched = 0;
    while (settled.get() < planned) {
      if (broken.get() != null) {
        throw new IllegalStateException(
            "a delivery failed unexpectedly: " + broken.get(), broken.get());
      }
      List<Pending> batch;
      Pending due = redeliveries.poll();
      if (due != null) {
        batch = List.of(due);
      } else if (slots.hasNext()) {
        batch = slots.next().stream().map(d -> new Pending(d, 1, 0)).toList();
      } else {
        due = redeliveries.poll(10, TimeUnit.MILLISECONDS);
        if (due == null) {
          continue;
        }
        batch = List.of(due);
      }
      pace(scenario.rate(), start, dispatched);
      free.acquire(batch.size());
      CountDownLatch together = new CountDownLatch(batch.size());
      for (Pending pending : batch) {
        instances.execute(
            () -> {
              try {
                together.countDown();
                together.await();
                deliver(pending);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Error e) {
                // Not a simulated kill (deliver handles those): e.g. the user's handler lacks a
                // class. The run cannot go on; the dispatcher rethrows it.
                broken.compareAndSet(null, e);
              } finally {
                free.release();
              }
            });
      }
      dispatched += batch.size();
    }
  }

  /** Holds the dispatcher to {@code rate} deliveries per second (0: unlimited). */
  private static void pace(double rate, long start, long dispatched) {
    if (rate <= 0) {
      return;
    }
    long due = start + (long) (dispatched * 1e9 / rate);
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /** The engine truncates its deadline to the millisecond: a lease may end this much early. */
  private static final long LEASE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** One delivery attempt, as one instance runs it. */
  private void deliver(Pending pending) {
    Plan.Delivery delivery = pending.delivery();
    Plan.Attempt attempt = plan.attempt(delivery, pending.attempt());
    long begin = System.nanoTime();
    long deadline = begin + TimeUnit.MILLISECONDS.toNanos(attempt.remainingMillis());
    Invocation invocation = new Invocation(attempt.fault(), deadline);
    int unit = delivery.unit();
    tally.deliveries.increment();
    if (pending.attempt() > 1) {
      tally.redeliveries.increment();
    }
    try {
      tally.startCall();
      Object result = call(unit, workload.resultType(), attempt.remainingMillis(), invocation);
      if (tally.completionFailedHere()) {
        // The effect happened but its result could not be stored: the crash window again (the
        // record stays in progress and a later duplicate runs the work). The caller got a result
        // that no duplicate will see, so it is not compared.
        crashedEffects.incrementAndGet(unit);
        settled.incrementAndGet();
        return;
      }
      if (tally.leaseLostHere() && System.nanoTime() >= deadline - LEASE_SLACK_NANOS) {
        // It ran past its lease and another delivery took the key over: Lambda would have
        // killed it at its deadline, after its effect. The source sees a timeout. A lease lost
        // before the deadline is no such excuse: the store let a live lease be taken over (or
        // lost the record), and the effect counts like any other, so a second charge shows.
        tally.overruns.increment();
        crashedEffects.incrementAndGet(unit);
        redeliver(pending, 10);
        return;
      }
      latencies.add(System.nanoTime() - begin);
      results.get(unit).add(workload.fingerprint(result));
      settled.incrementAndGet();
    } catch (LeaseLostException lost) {
      leaseLost(pending, begin, deadline, lost.result());
    } catch (TakenOver takenOver) {
      leaseLost(pending, begin, deadline, null);
    } catch (InProgressException e) {
      redeliver(pending, backoff(50, pending.attempt()));
    } catch (LeaseTooShortException e) {
      // The acquisition answered too late to run the work: nothing ran, the key is free again.
      tally.leaseTooShortErrors.increment();
      redeliver(pending, backoff(10, pending.attempt()));
    } catch (SimulatedFailure e) {
      tally.failures.increment();
      redeliver(pending, backoff(10, pending.attempt()));
    } catch (Killed killed) {
      switch (killed.fault()) {
        case CRASH -> tally.crashes.increment();
        case TIMEOUT -> tally.timeouts.increment();
        default -> tally.overruns.increment();
      }
      if (killed.afterEffect()) {
        crashedEffects.incrementAndGet(unit);
      }
      // The source sees nothing until its visibility timeout, past the invocation's deadline.
      long afterDeadline = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 10;
      redeliver(pending, Math.max(10, afterDeadline));
    } catch (RuntimeException e) {
      // A store error (nothing ran) or the handler's own exception: the source retries.
      tally.otherErrors.increment();
      redeliver(pending, backoff(10, pending.attempt()));
    }
  }

  /**
   * A delivery whose work ran but whose lease another delivery took over before the result was
   * stored ({@code result} is {@code null} when the workload's front end answered for it).
   */
  private void leaseLost(Pending pending, long begin, long deadline, Object result) {
    int unit = pending.delivery().unit();
    tally.leaseLostErrors.increment();
    if (System.nanoTime() >= deadline - LEASE_SLACK_NANOS) {
      // It ran past its lease and another delivery took the key over: Lambda would have
      // killed it at its deadline, after its effect. The source sees a timeout.
      tally.overruns.increment();
      crashedEffects.incrementAndGet(unit);
      redeliver(pending, 10);
      return;
    }
    // A live lease was taken over (or the record lost): the store broke exclusion. The effect
    // counts like any other, and its result is compared, so a second charge shows.
    latencies.add(System.nanoTime() - begin);
    if (result != null) {
      results.get(unit).add(workload.fingerprint(result));
    }
    settled.incrementAndGet();
  }

  /**
   * Thrown by a workload whose front end answered for a lost lease itself (the HTTP example's 409
   * {@code request-taken-over}): the work ran, and another delivery took its key over.
   */
  static final class TakenOver extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TakenOver(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One call on a key of its own before the clock starts, so the first delivery does not pay for
   * class loading and the store client's first connection; its record is purged.
   */
  private void warmUp() {
    AtomicReference<String> key = new AtomicReference<>();
    Idempotency warmUp =
        idempotency
            .newBuilder()
            .keyPrefix(keyPrefix + "-warmup")
            .listener(
                new IdempotencyListener() {
                  @Override
                  public void onMiss(String missed) {
                    key.set(missed);
                  }
                })
            .build();
    try {
      warmUp.call(workload.input(0), String.class, () -> "warm");
    } catch (LeaseLostException ignored) {
      // a deliberately broken store under test: the run itself will show it
    }
    if (key.get() != null) {
      store.purge(key.get());
    }
  }

  private <T> T call(int unit, ResultType<T> type, int remainingMillis, Invocation invocation) {
    @SuppressWarnings("unchecked") // a front end returns the workload's own result type
    T delivered = (T) workload.deliver(unit, invocation, tally.executions::increment);
    if (delivered != null) {
      return delivered;
    }
    if (workload instanceof TransactionalPaymentWorkload transactional) {
      return callInTransaction(transactional, unit, type, remainingMillis, invocation);
    }
    return idempotency.call(
        workload.input(unit),
        type,
        Duration.ofMillis(remainingMillis),
        () -> {
          tally.executions.increment();
          @SuppressWarnings("unchecked") // the workload returns its own result type
          T result = (T) workload.execute(unit, invocation);
          return result;
        });
  }

  /** The work inside the call's transaction: the charge commits with its completed record. */
  private <T> T callInTransaction(
      TransactionalPaymentWorkload transactional,
      int unit,
      ResultType<T> type,
      int remainingMillis,
      Invocation invocation) {
    try {
      return idempotency.callInTransaction(
          workload.input(unit),
          type,
          Duration.ofMillis(remainingMillis),
          (java.sql.Connection transaction) -> {
            tally.executions.increment();
            @SuppressWarnings("unchecked") // the workload returns its own result type
            T result = (T) transactional.execute(transaction, unit, invocation);
            return result;
          });
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("the ledger refused the charge", e);
    }
  }

  private void redeliver(Pending pending, long delayMillis) {
    if (pending.attempt() >= plan.scenario().maxAttempts()) {
      tally.deadLetters.increment();
      settled.incrementAndGet();
      return;
    }
    long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
    redeliveries.add(new Pending(pending.delivery(), pending.attempt() + 1, due));
  }

  /** Exponential backoff from {@code firstMillis}, capped at one second. */
  private static long backoff(long firstMillis, int attempt) {
    return Math.min(1000, firstMillis << Math.min(attempt - 1, 10));
  }

  private static java.util.concurrent.ThreadFactory daemons() {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "once-instance-" + next.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A delivery waiting for its attempt: due at {@code dueNanos} on the nano clock. */
  private record Pending(Plan.Delivery delivery, int attempt, long dueNanos) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(dueNanos, ((Pending) other).dueNanos);
    }
  }
}
