package dev.once.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.spi.IdempotencyStore;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Property tests of a store's state machine (jqwik): random interleavings of acquire, complete,
 * release and time passing by three simulated holders, checked against a model of who holds the
 * lease by {@link LeaseModelCheck}. Extend it and implement {@link #newStore()}.
 *
 * <p>Each try uses a fresh {@link FakeClock} and a key of its own, so a store may be shared across
 * tries. 400 tries by default; a subclass over a slow store may annotate itself with
 * {@code @PropertyDefaults(tries = N)} to run fewer.
 */
@PropertyDefaults(tries = 400)
public abstract class IdempotencyStoreProperties {

  /**
   * A store for one try; it may hold other keys, but not this try's.
   *
   * @return a store judging time by the caller's clock, which the try drives
   */
  protected abstract IdempotencyStore newStore();

  @Property
  void interleavingsNeverGiveTwoLiveHoldersNorLetAStaleWriteLand(
      @ForAll("interleavings") List<LeaseModelCheck.Step> steps) {
    String key = "property#" + UUID.randomUUID();

    assertThat(LeaseModelCheck.run(newStore(), FakeClock.startingNow(), key, steps)).isEmpty();
  }

  /**
   * Interleavings of up to 40 steps among three holders.
   *
   * @return jqwik's generator of step lists: acquisitions, completions, releases and time passing
   */
  @Provide
  public static Arbitrary<List<LeaseModelCheck.Step>> interleavings() {
    Arbitrary<Integer> holder = Arbitraries.integers().between(0, 2);
    Arbitrary<LeaseModelCheck.Step> acquire = holder.map(LeaseModelCheck.Acquire::new);
    Arbitrary<LeaseModelCheck.Step> complete = holder.map(LeaseModelCheck.Complete::new);
    Arbitrary<LeaseModelCheck.Step> release = holder.map(LeaseModelCheck.Release::new);
    long lease = LeaseModelCheck.LEASE.toMillis();
    Arbitrary<LeaseModelCheck.Step> advance =
        Arbitraries.oneOf(
                Arbitraries.longs().between(0, 2 * lease),
                // the boundaries: just before, at and just after a lease ends
                Arbitraries.of(lease - 1, lease, lease + 1),
                Arbitraries.longs().between(lease, 3 * LeaseModelCheck.EXPIRY.toMillis()))
            .map(LeaseModelCheck.Advance::new);
    return Arbitraries.frequencyOf(
            Tuple.of(3, acquire), Tuple.of(2, complete), Tuple.of(2, release), Tuple.of(3, advance))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }
}
