package dev.once.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The deliveries of a scenario, in order, and what happens to each attempt: a pure function of the
 * scenario and its seed, so the same seed gives the same scenario.
 *
 * @param slots the first deliveries in delivery order; a slot of several deliveries (an original
 *     and its concurrent duplicates) is delivered at the same moment on different instances
 * @param seed the seed that also decides every attempt's fault and remaining time
 */
record Plan(List<List<Delivery>> slots, long seed, Scenario scenario) {

  /**
   * One message as the event source delivers it.
   *
   * @param id unique per planned delivery
   * @param unit the order (or event) it carries
   * @param duplicate true for a copy beyond the first
   */
  record Delivery(int id, int unit, boolean duplicate) {}

  /** What one attempt of a delivery meets: its fault and the time left before its deadline. */
  record Attempt(Fault fault, int remainingMillis) {}

  /** Plans {@code units} unique units (orders or events) under {@code scenario}. */
  static Plan of(Scenario scenario, int units) {
    int concurrentDuplicates = scenario.concurrentDuplicates(units);
    Random random = new Random(scenario.seed());
    List<Delivery> originals = new ArrayList<>(units);
    for (int unit = 0; unit < units; unit++) {
      originals.add(new Delivery(unit, unit, false));
    }
    int duplicates = scenario.duplicates(units);
    List<Delivery> copies = new ArrayList<>(duplicates);
    for (int i = 0; i < duplicates; i++) {
      copies.add(new Delivery(units + i, random.nextInt(units), true));
    }
    List<List<Delivery>> slots = new ArrayList<>();
    List<List<Delivery>> byUnit = new ArrayList<>(units);
    for (Delivery original : originals) {
      List<Delivery> slot = new ArrayList<>(2);
      slot.add(original);
      byUnit.add(slot);
      slots.add(slot);
    }
    Set<Integer> paired = new HashSet<>();
    int concurrent = 0;
    for (Delivery copy : copies) {
      if (concurrent < concurrentDuplicates && paired.add(copy.unit())) {
        byUnit.get(copy.unit()).add(copy);
        concurrent++;
      } else {
        slots.add(new ArrayList<>(List.of(copy)));
      }
    }
    Collections.shuffle(slots, random);
    return new Plan(slots.stream().map(List::copyOf).toList(), scenario.seed(), scenario);
  }

  /** The number of planned first deliveries. */
  int deliveries() {
    return slots.stream().mapToInt(List::size).sum();
  }

  /** The number of duplicates planned to arrive at the same moment as their original. */
  int concurrentDuplicates() {
    return slots.stream().mapToInt(slot -> slot.size() - 1).sum();
  }

  /** What attempt {@code attempt} (from 1) of {@code delivery} meets; the same every time. */
  Attempt attempt(Delivery delivery, int attempt) {
    SplittableRandom random =
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + delivery.id() * 1_000_003L + attempt);
    double draw = random.nextDouble();
    Fault fault = Fault.NONE;
    if (draw < scenario.failureRate()) {
      fault = Fault.FAILURE;
    } else if (draw < scenario.failureRate() + scenario.timeoutRate()) {
      fault = Fault.TIMEOUT;
    } else if (draw < scenario.failureRate() + scenario.timeoutRate() + scenario.crashRate()) {
      fault = Fault.CRASH;
    }
    int remaining =
        scenario.minRemainingMillis()
            + random.nextInt(scenario.maxRemainingMillis() - scenario.minRemainingMillis() + 1);
    return new Attempt(fault, remaining);
  }
}
