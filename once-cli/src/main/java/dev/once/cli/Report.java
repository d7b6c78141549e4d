package dev.once.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What a simulation found: the counts, the verdict and the speed. The JSON form has exactly the
 * documented fields; the table adds the details that explain them.
 */
record Report(
    long deliveries,
    long executions,
    long replays,
    long inProgress,
    long waits,
    long failures,
    long leaseTooShort,
    long leaseLost,
    long givenUp,
    long reexecutionsAfterCrash,
    long uniqueOrders,
    long charges,
    long duplicateCharges,
    long unchargedOrders,
    boolean exactlyOnce,
    double storeCallsPerDelivery,
    Latencies.Summary latencyMs,
    double throughputPerSec,
    Details details) {

  /**
   * What the table shows beside the JSON fields.
   *
   * @param replayMismatches units whose successful deliveries did not all return the same result
   */
  record Details(
      String unitsName,
      String effectsName,
      int planned,
      int plannedDuplicates,
      int concurrentDuplicates,
      long redeliveries,
      long timeouts,
      long crashes,
      long overruns,
      long completionFailures,
      long otherErrors,
      long replayMismatches,
      Duration elapsed,
      java.util.Map<Integer, Long> statusCounts,
      long clientErrorViolations,
      boolean crashWindowClosed) {}

  static Report of(
      Plan plan,
      Workload workload,
      Tally tally,
      Latencies latencies,
      AtomicIntegerArray crashedEffects,
      List<Set<Object>> results,
      Duration elapsed) {
    long charges = 0;
    long duplicates = 0;
    long afterCrash = 0;
    long uncharged = 0;
    long mismatches = 0;
    for (int unit = 0; unit < workload.units(); unit++) {
      int effects = workload.effects(unit);
      charges += effects;
      int extra = Math.max(0, effects - 1);
      int explained = workload.closesCrashWindow() ? 0 : Math.min(extra, crashedEffects.get(unit));
      afterCrash += explained;
      duplicates += extra - explained;
      uncharged += effects == 0 && workload.expectsEffect(unit) ? 1 : 0;
      mismatches += results.get(unit).size() > 1 ? 1 : 0;
    }
    long deliveries = tally.deliveries.sum();
    double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
    Details details =
        new Details(
            workload.unitsName(),
            workload.effectsName(),
            plan.deliveries(),
            plan.deliveries() - workload.units(),
            plan.concurrentDuplicates(),
            tally.redeliveries.sum(),
            tally.timeouts.sum(),
            tally.crashes.sum(),
            tally.overruns.sum(),
            tally.completionFailures.sum(),
            tally.otherErrors.sum(),
            mismatches,
            elapsed,
            workload.statusCounts(),
            workload.clientErrorViolations(),
            workload.closesCrashWindow());
    return new Report(
        deliveries,
        tally.executions.sum(),
        tally.replays.sum(),
        tally.inProgress.sum(),
        tally.waits.sum(),
        tally.failures.sum(),
        tally.leaseTooShortErrors.sum(),
        tally.leaseLostErrors.sum(),
        tally.deadLetters.sum(),
        afterCrash,
        workload.units(),
        charges,
        duplicates,
        uncharged,
        // Exactly once: every unit had its effect, none twice but in the crash window, and every
        // successful delivery of a unit got the same result. A unit never done fails it, so a
        // run that gave every delivery up is no success. A workload that refuses some requests
        // (HTTP client errors) must have refused each cleanly.
        duplicates == 0
            && uncharged == 0
            && mismatches == 0
            && details.clientErrorViolations() == 0,
        round2(deliveries == 0 ? 0 : (double) tally.storeCalls.sum() / deliveries),
        latencies.summary(),
        round2(deliveries / seconds),
        details);
  }

  /** The report as one JSON object with the documented field names. */
  String toJson(ObjectMapper mapper) {
    ObjectNode json = mapper.createObjectNode();
    json.put("deliveries", deliveries);
    json.put("executions", executions);
    json.put("replays", replays);
    json.put("inProgress", inProgress);
    json.put("waits", waits);
    json.put("failures", failures);
    json.put("leaseTooShort", leaseTooShort);
    json.put("leaseLost", leaseLost);
    json.put("givenUp", givenUp);
    json.put("reexecutionsAfterCrash", reexecutionsAfterCrash);
    json.put("uniqueOrders", uniqueOrders);
    json.put("charges", charges);
    json.put("duplicateCharges", duplicateCharges);
    json.put("unchargedOrders", unchargedOrders);
    json.put("exactlyOnce", exactlyOnce);
    json.put("storeCallsPerDelivery", storeCallsPerDelivery);
    ObjectNode latency = json.putObject("latencyMs");
    latency.put("p50", latencyMs.p50());
    latency.put("p90", latencyMs.p90());
    latency.put("p99", latencyMs.p99());
    latency.put("max", latencyMs.max());
    json.put("throughputPerSec", throughputPerSec);
    if (!details.statusCounts().isEmpty()) {
      ObjectNode statuses = json.putObject("statusCodes");
      details.statusCounts().forEach((status, count) -> statuses.put(status.toString(), count));
      json.put("clientErrorViolations", details.clientErrorViolations());
    }
    return json.toString();
  }

  /** The one-line verdict. */
  String verdict() {
    Details d = details;
    if (exactlyOnce) {
      return "EXACTLY ONCE: every one of the "
          + uniqueOrders
          + " "
          + d.unitsName()
          + (d.crashWindowClosed()
              ? " had its effect once, "
                  + d.crashes()
                  + " crashes after the effect included (the effect and its record commit"
                  + " together: the crash window is closed)"
              : " had its effect once (apart from "
                  + reexecutionsAfterCrash
                  + " expected re-executions after crashes)")
          + ", and every duplicate got the first result"
          + (d.statusCounts().isEmpty()
              ? ""
              : " (status and body), every client error a 4xx with nothing charged or stored");
    }
    return "NOT EXACTLY ONCE: "
        + unchargedOrders
        + " of the "
        + uniqueOrders
        + " "
        + d.unitsName()
        + " never processed ("
        + givenUp
        + " deliveries given up), "
        + duplicateCharges
        + " duplicate "
        + d.effectsName()
        + ", "
        + d.replayMismatches()
        + " "
        + d.unitsName()
        + " whose duplicates got a different result"
        + (d.statusCounts().isEmpty()
            ? ""
            : ", " + d.clientErrorViolations() + " client errors not refused cleanly");
  }

  /** The summary table. */
  String toTable() {
    Details d = details;
    StringBuilder out = new StringBuilder();
    row(
        out,
        "deliveries",
        deliveries,
        d.planned()
            + " planned ("
            + d.plannedDuplicates()
            + " duplicates, "
            + d.concurrentDuplicates()
            + " concurrent), "
            + d.redeliveries()
            + " redeliveries, "
            + givenUp
            + " given up");
    row(out, "executions", executions, "times the work ran");
    row(out, "replays", replays, "duplicates answered with the stored result");
    row(out, "in-progress conflicts", inProgress, "duplicates that met a run in progress");
    row(out, "waits", waits, "duplicates that waited for a run in progress");
    row(out, "failures", failures, "errors before the effect: key released, redelivered");
    row(out, "timeouts", d.timeouts(), "killed at the deadline before the effect");
    row(out, "crashes", d.crashes(), "killed after the effect, before completion");
    row(
        out,
        "lease too short",
        leaseTooShort,
        "acquired too late to run the work: nothing ran, key released, redelivered");
    row(
        out,
        "lease lost",
        leaseLost,
        "ran, but the key was taken over before the result was stored");
    if (d.overruns() > 0) {
      row(out, "overruns", d.overruns(), "ran past their deadline: killed, as Lambda would");
    }
    row(
        out,
        "re-executions after crash",
        reexecutionsAfterCrash,
        d.crashWindowClosed()
            ? "none excused: the effect commits with its record (transactional)"
            : "expected: the crash window no idempotency layer closes alone");
    if (d.completionFailures() > 0) {
      row(
          out,
          "completion failures",
          d.completionFailures(),
          "effect done, result not stored: a crash window too");
    }
    if (d.otherErrors() > 0) {
      row(out, "other errors", d.otherErrors(), "store errors or the handler's own");
    }
    row(
        out,
        d.effectsName(),
        charges,
        "for "
            + uniqueOrders
            + " unique "
            + d.unitsName()
            + ": "
            + duplicateCharges
            + " duplicate, "
            + reexecutionsAfterCrash
            + " after crashes");
    row(
        out,
        "never processed",
        unchargedOrders,
        d.unitsName() + " with no " + d.effectsName() + " at all: their deliveries were given up");
    if (!d.statusCounts().isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-26s %s; client errors: a 4xx each time, nothing charged or stored"
                  + " (%d violations)%n",
              "status codes",
              d.statusCounts(),
              d.clientErrorViolations()));
    }
    out.append(String.format(Locale.ROOT, "  %-26s %s%n", "verdict", verdict()));
    out.append(
        String.format(
            Locale.ROOT, "  %-26s %.2f%n", "store calls per delivery", storeCallsPerDelivery));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-26s p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  (deliveries that returned)%n",
            "latency ms",
            latencyMs.p50(),
            latencyMs.p90(),
            latencyMs.p99(),
            latencyMs.max()));
    out.append(
        String.format(
            Locale.ROOT,
            "  %-26s %.0f deliveries/s  (%.2f s)%n",
            "throughput",
            throughputPerSec,
            d.elapsed().toNanos() / 1e9));
    return out.toString();
  }

  private static void row(StringBuilder out, String name, long value, String note) {
    out.append(String.format(Locale.ROOT, "  %-26s %8d   %s%n", name, value, note));
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
