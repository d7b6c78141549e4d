package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.InProgressPolicy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanTest {

  private static Scenario scenario(long seed) {
    return new Scenario(
        400, 0.2, 30, 0.1, 0.05, 0.05, 0, 4, InProgressPolicy.FAIL_FAST, seed, 50, 90, 5);
  }

  @Test
  void theSameSeedGivesTheSameScenario() {
    Plan first = Plan.of(scenario(42), 400);
    Plan second = Plan.of(scenario(42), 400);

    assertThat(second).isEqualTo(first);
    assertThat(attempts(second)).isEqualTo(attempts(first));
  }

  @Test
  void anotherSeedGivesAnotherScenario() {
    assertThat(Plan.of(scenario(43), 400).slots()).isNotEqualTo(Plan.of(scenario(42), 400).slots());
    assertThat(attempts(Plan.of(scenario(43), 400)))
        .isNotEqualTo(attempts(Plan.of(scenario(42), 400)));
  }

  @Test
  void everyOrderIsDeliveredAndDuplicatesAreTheirShare() {
    Plan plan = Plan.of(scenario(7), 400);
    List<Plan.Delivery> all = plan.slots().stream().flatMap(List::stream).toList();

    assertThat(plan.deliveries()).isEqualTo(500); // 100 / 500 = 0.2
    assertThat(all.stream().filter(d -> !d.duplicate()).map(Plan.Delivery::unit))
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 400).boxed().toList());
    assertThat(all.stream().map(Plan.Delivery::id).distinct()).hasSize(500);
  }

  @Test
  void concurrentDuplicatesShareASlotWithTheirOriginal() {
    Plan plan = Plan.of(scenario(7), 400);
    List<List<Plan.Delivery>> together = plan.slots().stream().filter(s -> s.size() > 1).toList();

    assertThat(plan.concurrentDuplicates()).isEqualTo(30);
    assertThat(together).hasSize(30);
    assertThat(together)
        .allSatisfy(
            slot -> {
              assertThat(slot).hasSize(2);
              assertThat(slot.get(0).unit()).isEqualTo(slot.get(1).unit());
              assertThat(slot.get(1).duplicate()).isTrue();
            });
  }

  @Test
  void faultsComeAtTheirRates() {
    Plan plan = Plan.of(scenario(11), 400);
    Map<Fault, Long> faults =
        IntStream.range(0, 20_000)
            .mapToObj(i -> plan.attempt(new Plan.Delivery(i, 0, false), 1).fault())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    assertThat(faults.get(Fault.FAILURE)).isBetween(1_700L, 2_300L);
    assertThat(faults.get(Fault.TIMEOUT)).isBetween(800L, 1_200L);
    assertThat(faults.get(Fault.CRASH)).isBetween(800L, 1_200L);
    assertThat(
            IntStream.range(0, 1000)
                .map(i -> plan.attempt(new Plan.Delivery(i, 0, false), 2).remainingMillis()))
        .allMatch(ms -> ms >= 50 && ms <= 90);
  }

  private static List<Plan.Attempt> attempts(Plan plan) {
    return plan.slots().stream()
        .flatMap(List::stream)
        .flatMap(d -> IntStream.rangeClosed(1, 3).mapToObj(a -> plan.attempt(d, a)))
        .toList();
  }
}
