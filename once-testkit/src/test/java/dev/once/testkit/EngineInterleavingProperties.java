package dev.once.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.InMemoryStore;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The engine over the in-memory store, under random plans of calls that nest duplicates, overrun
 * their lease, throw, and let time pass: never two live executions, never a fenced-out result
 * replayed.
 */
class EngineInterleavingProperties {

  @Property(tries = 300)
  void engineKeepsOneLiveExecutionAndFencesStaleResults(
      @ForAll("plans") List<EngineInterleavingCheck.Action> plan) {
    assertThat(EngineInterleavingCheck.run(new InMemoryStore(), plan)).isEmpty();
  }

  @Provide
  static Arbitrary<List<EngineInterleavingCheck.Action>> plans() {
    return actions(2).list().ofMinSize(1).ofMaxSize(8);
  }

  private static Arbitrary<EngineInterleavingCheck.Action> actions(int depth) {
    long lease = EngineInterleavingCheck.MAX_RUN_TIME.toMillis();
    // Within a lease, exactly to its end (a takeover becomes possible), or past the expiry.
    Arbitrary<EngineInterleavingCheck.Action> advance =
        Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(0, lease - 1)),
                Tuple.of(2, Arbitraries.just(lease)),
                Tuple.of(1, Arbitraries.just(EngineInterleavingCheck.EXPIRY.toMillis() + 1)))
            .map(EngineInterleavingCheck.Advance::new);
    Arbitrary<List<EngineInterleavingCheck.Action>> nested =
        depth == 0 ? Arbitraries.just(List.of()) : actions(depth - 1).list().ofMaxSize(3);
    Arbitrary<EngineInterleavingCheck.Action> call =
        Combinators.combine(
                nested,
                Arbitraries.of(true, false),
                Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false)))
            .as(EngineInterleavingCheck.Call::new);
    return Arbitraries.frequencyOf(Tuple.of(3, call), Tuple.of(1, advance));
  }
}
