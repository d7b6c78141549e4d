package dev.once.dynamodb.history;

import dev.once.dynamodb.testing.DynamoDbProxy;
import dev.once.dynamodb.testing.DynamoDbProxy.Fault;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one history check, and whether its targets hold: no execution started after its
 * lease ended, no successful call returned a result other than the key's recorded one, no key left
 * in progress without a crash or an outage behind it, no effect repeated without one, no two
 * executions of a key at once while the earlier held a live lease, and nothing still held after its
 * lease.
 */
record HistoryReport(
    HistoryRun.Settings settings,
    Duration elapsed,
    int requests,
    Map<Fault, Integer> faults,
    int dynaliteCrashes,
    int jvmKills,
    int jvmsStarted,
    Map<String, Integer> callOutcomes,
    int calls,
    int successes,
    int executedSuccesses,
    int unrecordedSuccesses,
    int recordedAfterAll,
    int resultMismatches,
    int executions,
    int effects,
    int threw,
    int cutShort,
    int renewed,
    int startedAfterLeaseEnd,
    long leastLeaseLeftMicros,
    Map<History.LeftInProgress, Integer> leftInProgress,
    Map<String, Integer> repeatedEffects,
    int overlapsPastLease,
    int overlapsWithinLease,
    int keysUsed,
    int keysRecorded,
    History.Sweep sweep) {

  static final String UNEXPLAINED = "nothing: a duplicate effect";

  /** True when every target holds. */
  boolean holds() {
    return startedAfterLeaseEnd == 0
        && resultMismatches == 0
        && leftInProgress.getOrDefault(History.LeftInProgress.UNEXPLAINED, 0) == 0
        && repeatedEffects.getOrDefault(UNEXPLAINED, 0) == 0
        && overlapsWithinLease == 0
        && sweep.stillHeld() == 0;
  }

  int stuckWithoutCause() {
    return leftInProgress.getOrDefault(History.LeftInProgress.UNEXPLAINED, 0);
  }

  String toText() {
    StringBuilder out = new StringBuilder();
    HistoryRun.Settings s = settings;
    out.append(
        String.format(
            Locale.ROOT,
            "history check: %,d calls from %d JVMs at a time (%d started), %d threads each, %d keys"
                + " per %d ms generation (%d keys in all), seed %d, %.1f s%n",
            calls,
            s.jvms(),
            jvmsStarted,
            s.threads(),
            s.keys(),
            s.generation().toMillis(),
            keysUsed,
            s.seed(),
            elapsed.toMillis() / 1000.0));
    section(out, "faults injected");
    row(out, String.format(Locale.ROOT, "by the proxy, of %,d requests", requests), totalFaults());
    for (Fault fault : ChaosPlan.faults()) {
      row(out, "  " + describe(fault), faults.getOrDefault(fault, 0));
    }
    row(
        out,
        "dynalite killed (SIGKILL; back after " + s.downtime().toMillis() + " ms)",
        dynaliteCrashes);
    row(out, "worker JVMs killed (SIGKILL; a new JVM makes their calls)", jvmKills);
    section(out, "what the callers saw");
    callOutcomes.forEach((outcome, count) -> row(out, outcome, count));
    section(out, "executions (effects log)");
    row(out, "started", executions);
    row(out, "returned a result: the effect", effects - cutShort);
    row(out, "threw: the key released", threw);
    row(out, "cut short by a JVM kill", cutShort);
    row(out, "renewed their lease while running", renewed);
    row(out, "least lease left when a work started, ms", leastLeaseLeftMicros / 1000);
    section(out, "checks (target 0)");
    row(out, "executions that started after their lease ended", startedAfterLeaseEnd);
    row(out, "successful calls whose result is not the key's recorded one", resultMismatches);
    row(out, "  (successful calls, of which " + executedSuccesses + " ran the work)", successes);
    row(out, "keys stuck in progress with no crash or outage behind them", stuckWithoutCause());
    row(
        out,
        "effects repeated with nothing to explain them",
        repeatedEffects.getOrDefault(UNEXPLAINED, 0));
    row(out, "executions overlapping another still within its lease", overlapsWithinLease);
    row(out, "keys still held after their lease ended (final sweep)", sweep.stillHeld());
    section(out, "counted apart: the documented windows");
    row(out, "successful calls whose completion failed after retries", unrecordedSuccesses);
    row(out, "  of which recorded after all (the write landed, its answer lost)", recordedAfterAll);
    row(out, "keys left in progress at the end", sweep.inProgress());
    for (History.LeftInProgress left : History.LeftInProgress.values()) {
      if (left != History.LeftInProgress.UNEXPLAINED) {
        row(out, "  " + left.reason, leftInProgress.getOrDefault(left, 0));
      }
    }
    repeatedEffects.forEach(
        (because, count) -> {
          if (!because.equals(UNEXPLAINED)) {
            row(out, "effects repeated because " + because, count);
          }
        });
    row(out, "executions overlapping another that ran past its lease", overlapsPastLease);
    out.append(System.lineSeparator())
        .append("verdict: ")
        .append(holds() ? "every target holds" : "A TARGET IS MISSED")
        .append(System.lineSeparator());
    return out.toString();
  }

  private static void section(StringBuilder out, String title) {
    out.append(System.lineSeparator()).append(title).append(System.lineSeparator());
  }

  private static void row(StringBuilder out, String label, long value) {
    out.append(String.format(Locale.ROOT, "  %-68s %,8d%n", label, value));
  }

  private int totalFaults() {
    return faults.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static String describe(Fault fault) {
    return switch (fault) {
      case DROP -> "connection dropped before the request";
      case LOSE_ANSWER -> "request applied, answer lost";
      case LATE_ANSWER -> "answer later than the attempt timeout";
      case LATE_REQUEST -> "request applied later than the attempt timeout";
      case SERVER_ERROR -> "HTTP 500";
      case THROTTLING -> "throttling";
      case STALL -> "stalled";
    };
  }

  /** Collects the figures as {@link History} checks them. Not thread-safe. */
  static final class Builder {
    private final HistoryRun.Settings settings;
    private final Duration elapsed;
    private final History.Sweep sweep;
    private int requests;
    private final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
    private int dynaliteCrashes;
    private int jvmKills;
    private int jvmsStarted;
    private final Map<String, Integer> callOutcomes = new TreeMap<>();
    private int calls;
    private int successes;
    private int executedSuccesses;
    private int unrecordedSuccesses;
    private int recordedAfterAll;
    private int resultMismatches;
    private int executions;
    private int effects;
    private int threw;
    private int cutShort;
    private int renewed;
    private int startedAfterLeaseEnd;
    private long leastLeaseLeftMicros = Long.MAX_VALUE;
    private final Map<History.LeftInProgress, Integer> leftInProgress =
        new EnumMap<>(History.LeftInProgress.class);
    private final Map<String, Integer> repeatedEffects = new TreeMap<>();
    private int overlapsPastLease;
    private int overlapsWithinLease;
    private int keysUsed;
    private int keysRecorded;

    Builder(HistoryRun.Settings settings, Duration elapsed, History.Sweep sweep) {
      this.settings = settings;
      this.elapsed = elapsed;
      this.sweep = sweep;
    }

    void faults(DynamoDbProxy proxy, int dynaliteCrashes, int jvmKills, int jvmsStarted) {
      for (String operation : new String[] {"PutItem", "GetItem", "UpdateItem", "DeleteItem"}) {
        requests += proxy.seen(operation);
      }
      for (Fault fault : ChaosPlan.faults()) {
        faults.put(fault, proxy.injected(fault));
      }
      this.dynaliteCrashes = dynaliteCrashes;
      this.jvmKills = jvmKills;
      this.jvmsStarted = jvmsStarted;
    }

    void call(String outcome) {
      calls++;
      callOutcomes.merge(outcome, 1, Integer::sum);
    }

    void unrecordedSuccess(boolean recordedAfterAll) {
      successes++;
      unrecordedSuccesses++;
      this.recordedAfterAll += recordedAfterAll ? 1 : 0;
    }

    void success(boolean executed, boolean matchesRecord) {
      successes++;
      executedSuccesses += executed ? 1 : 0;
      resultMismatches += matchesRecord ? 0 : 1;
    }

    void execution(History.Execution execution, boolean afterLeaseEnd) {
      executions++;
      effects += execution.effect() ? 1 : 0;
      threw += "threw".equals(execution.outcome()) ? 1 : 0;
      cutShort += execution.cutShort() ? 1 : 0;
      renewed += !execution.cutShort() && execution.finalLeaseEnd() > execution.leaseEnd() ? 1 : 0;
      startedAfterLeaseEnd += afterLeaseEnd ? 1 : 0;
      leastLeaseLeftMicros =
          Math.min(leastLeaseLeftMicros, execution.leaseEnd() - execution.start());
    }

    void leftInProgress(History.LeftInProgress why) {
      leftInProgress.merge(why, 1, Integer::sum);
    }

    void repeatedEffect(String because) {
      repeatedEffects.merge(because == null ? UNEXPLAINED : because, 1, Integer::sum);
    }

    void overlap(boolean earlierRanPastLease) {
      if (earlierRanPastLease) {
        overlapsPastLease++;
      } else {
        overlapsWithinLease++;
      }
    }

    void keys(int used, int recorded) {
      this.keysUsed = used;
      this.keysRecorded = recorded;
    }

    HistoryReport build() {
      return new HistoryReport(
          settings,
          elapsed,
          requests,
          faults,
          dynaliteCrashes,
          jvmKills,
          jvmsStarted,
          callOutcomes,
          calls,
          successes,
          executedSuccesses,
          unrecordedSuccesses,
          recordedAfterAll,
          resultMismatches,
          executions,
          effects,
          threw,
          cutShort,
          renewed,
          startedAfterLeaseEnd,
          leastLeaseLeftMicros == Long.MAX_VALUE ? 0 : leastLeaseLeftMicros,
          leftInProgress,
          repeatedEffects,
          overlapsPastLease,
          overlapsWithinLease,
          keysUsed,
          keysRecorded,
          sweep);
    }
  }
}
