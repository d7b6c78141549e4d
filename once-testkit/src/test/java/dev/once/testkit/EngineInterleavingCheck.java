package dev.once.testkit;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.LeaseLostException;
import dev.once.spi.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Interleavings through the engine on one key. A call's work may itself make calls (a duplicate
 * arriving while it runs), overrun its lease (a timed-out invocation that carries on), or throw.
 * Breaches: two executions live at once, or a replay of a result that must never be stored (of an
 * execution that was taken over, or that threw).
 */
final class EngineInterleavingCheck {

  static final Duration MAX_RUN_TIME = Duration.ofSeconds(10);
  static final Duration EXPIRY = Duration.ofMinutes(1);

  sealed interface Action {}

  /** A call whose work performs {@code nested}, then overruns its lease or not, then ends. */
  record Call(List<Action> nested, boolean overrun, boolean fails) implements Action {}

  record Advance(long millis) implements Action {}

  private static final class Boom extends RuntimeException {
    Boom() {
      super("planned failure", null, false, false);
    }
  }

  private record Running(int execution, Instant leaseEnd) {}

  private final Idempotency idempotency;
  private final FakeClock clock;
  private final Deque<Running> running = new ArrayDeque<>();
  private final Set<Integer> mustNeverReplay = new HashSet<>();
  private int executions;
  private String breach;

  private EngineInterleavingCheck(IdempotencyStore store) {
    this.clock = FakeClock.startingNow();
    this.idempotency =
        Idempotency.builder(store)
            .clock(clock)
            .sleeper(clock.sleeper())
            .maxRunTime(MAX_RUN_TIME)
            .expiry(EXPIRY)
            .leaseRenewal(false) // leases here end as planned: overruns are the point
            .build();
  }

  /** Runs {@code plan}; the first breach, or empty. */
  static Optional<String> run(IdempotencyStore store, List<Action> plan) {
    EngineInterleavingCheck check = new EngineInterleavingCheck(store);
    check.perform(plan);
    return Optional.ofNullable(check.breach).map(b -> b + " in plan " + plan);
  }

  private void perform(List<Action> actions) {
    for (Action action : actions) {
      if (breach != null) {
        return;
      }
      if (action instanceof Advance advance) {
        clock.advance(Duration.ofMillis(advance.millis()));
      } else {
        call((Call) action);
      }
    }
  }

  private void call(Call call) {
    int[] mine = {0};
    try {
      String result = idempotency.call("the-key", String.class, () -> work(call, mine));
      if (mine[0] == 0) {
        checkReplay(result);
      }
    } catch (InProgressException | Boom expected) {
      // a duplicate refused while the key is held, or the planned failure
    } catch (LeaseLostException lost) {
      if (!mustNeverReplay.contains(mine[0])) {
        fail("execution " + mine[0] + " was told its lease was lost, but none took it over");
      }
    }
  }

  private String work(Call call, int[] mine) {
    int execution = ++executions;
    mine[0] = execution;
    Instant now = clock.instant();
    for (Running other : running) {
      if (now.isBefore(other.leaseEnd())) {
        fail(
            "execution "
                + execution
                + " started at "
                + now
                + " while execution "
                + other.execution()
                + " held a live lease until "
                + other.leaseEnd());
      }
      // Its lease has ended and this execution took the key over: its result must never land.
      mustNeverReplay.add(other.execution());
    }
    running.push(new Running(execution, now.plus(MAX_RUN_TIME)));
    try {
      perform(call.nested());
      if (call.overrun()) {
        clock.advance(MAX_RUN_TIME);
      }
    } finally {
      running.pop();
    }
    if (call.fails()) {
      mustNeverReplay.add(execution);
      throw new Boom();
    }
    return "run-" + execution;
  }

  private void checkReplay(String result) {
    int replayed = Integer.parseInt(result.substring("run-".length()));
    if (mustNeverReplay.contains(replayed)) {
      fail(
          "a call replayed "
              + result
              + ", the result of an execution that was taken over or failed");
    }
  }

  private void fail(String message) {
    if (breach == null) {
      breach = message;
    }
  }
}
