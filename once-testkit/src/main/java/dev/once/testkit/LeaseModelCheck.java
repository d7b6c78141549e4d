package dev.once.testkit;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A model-based check of a store's state machine on one key: several simulated holders acquire,
 * complete and release while a fake clock moves, and every answer of the store is compared with a
 * model of who holds the lease. It reports the first breach: two holders live at once, a stale
 * holder's complete or release landing, or the stored record differing from the model.
 *
 * <p>Generic over the store: pass any {@link IdempotencyStore} over an empty keyspace (or a key
 * unused so far). Not thread-safe: one check per thread.
 */
public final class LeaseModelCheck {

  /** How long each acquisition's lease lasts. */
  public static final Duration LEASE = Duration.ofMillis(1_000);

  /** How long a record lasts from its acquisition or completion (rounded to the second). */
  public static final Duration EXPIRY = Duration.ofSeconds(4);

  /** One action of the interleaving. */
  public sealed interface Step {}

  /** Holder {@code holder} tries to acquire the key with a fresh lease. */
  public record Acquire(int holder) implements Step {}

  /** Holder {@code holder} completes with the last lease it was given (or one never valid). */
  public record Complete(int holder) implements Step {}

  /** Holder {@code holder} releases with the last lease it was given (or one never valid). */
  public record Release(int holder) implements Step {}

  /** Time passes. */
  public record Advance(long millis) implements Step {
    /**
     * Checks the step.
     *
     * @param millis how many milliseconds pass; zero or positive
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public Advance {
      if (millis < 0) {
        throw new IllegalArgumentException("millis must not be negative but was " + millis);
      }
    }
  }

  private final IdempotencyStore store;
  private final FakeClock clock;
  private final String key;
  private final Map<Integer, String> leases = new HashMap<>();
  private final Map<Integer, Instant> believedHeldUntil = new HashMap<>();
  private IdempotencyRecord model;
  private int leaseCounter;

  private LeaseModelCheck(IdempotencyStore store, FakeClock clock, String key) {
    this.store = store;
    this.clock = clock;
    this.key = key;
  }

  /**
   * Runs {@code steps} against {@code store} on {@code key}, driving {@code clock}.
   *
   * @param store the store under test, judging time by {@code clock}
   * @param clock the clock the store was given; the check advances it
   * @param key a key no one else uses during the run
   * @param steps the interleaving to play
   * @return the first breach, described, or empty when the store kept the contract throughout
   */
  public static Optional<String> run(
      IdempotencyStore store, FakeClock clock, String key, List<? extends Step> steps) {
    Objects.requireNonNull(store, "store");
    LeaseModelCheck check = new LeaseModelCheck(store, clock, key);
    for (int i = 0; i < steps.size(); i++) {
      String breach = check.apply(steps.get(i));
      if (breach == null) {
        breach = check.compareStored();
      }
      if (breach == null) {
        breach = check.atMostOneLiveHolder();
      }
      if (breach != null) {
        return Optional.of(
            "step " + i + " " + steps.get(i) + ": " + breach + " (steps " + steps + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * A random interleaving of {@code length} steps among {@code holders} holders.
   *
   * @param random the source of randomness; seed it to replay a run
   * @param holders how many holders compete for the key; positive
   * @param length how many steps
   * @return a new mutable list of steps
   */
  public static List<Step> randomSteps(Random random, int holders, int length) {
    List<Step> steps = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      int holder = random.nextInt(holders);
      int kind = random.nextInt(10);
      if (kind < 3) {
        steps.add(new Acquire(holder));
      } else if (kind < 5) {
        steps.add(new Complete(holder));
      } else if (kind < 7) {
        steps.add(new Release(holder));
      } else {
        steps.add(
            new Advance(
                random.nextInt(5) == 0 ? 2_000 + random.nextInt(3_000) : random.nextInt(1_200)));
      }
    }
    return steps;
  }

  private String apply(Step step) {
    if (step instanceof Acquire acquire) {
      return acquire(acquire.holder());
    }
    if (step instanceof Complete complete) {
      return write(complete.holder(), true);
    }
    if (step instanceof Release release) {
      return write(release.holder(), false);
    }
    clock.advance(Duration.ofMillis(((Advance) step).millis()));
    return null;
  }

  private String acquire(int holder) {
    Instant now = clock.instant();
    String lease = "h" + holder + "-" + (++leaseCounter);
    AcquireRequest request = new AcquireRequest(key, lease, "v", now, LEASE, EXPIRY);
    IdempotencyRecord mine = request.record(now);
    boolean free = model == null || !model.isLive(now);
    AcquireResult result = store.acquire(request);
    if (result instanceof AcquireResult.Existing existing) {
      if (free) {
        return "the key was free in the model but the store answered Existing " + existing.record();
      }
      return sameRecord("the record returned by a refused acquire", existing.record());
    }
    if (!free) {
      return "the store let holder "
          + holder
          + " acquire while "
          + model.lease()
          + " held the key live until "
          + model.inProgressExpiresAt();
    }
    model = mine;
    leases.put(holder, lease);
    believedHeldUntil.put(holder, mine.inProgressExpiresAt());
    return null;
  }

  private String write(int holder, boolean complete) {
    String lease = leases.getOrDefault(holder, "never-held-" + holder);
    boolean carries = model != null && lease.equals(model.lease());
    Instant now = clock.instant();
    Object outcome;
    Object expected;
    if (complete) {
      byte[] data = ("done-by-" + lease).getBytes(StandardCharsets.UTF_8);
      Completion completion = new Completion(key, lease, RecordStatus.COMPLETED, data, now, EXPIRY);
      WriteOutcome written = store.complete(completion);
      outcome = written;
      expected = carries ? WriteOutcome.WRITTEN : WriteOutcome.LEASE_LOST;
      if (carries && written == WriteOutcome.WRITTEN) {
        model = model.completed(RecordStatus.COMPLETED, data, completion.expiresAt(now));
      }
    } else {
      ReleaseOutcome released = store.release(key, lease);
      outcome = released;
      expected =
          carries
              ? ReleaseOutcome.RELEASED
              : model == null ? ReleaseOutcome.ABSENT : ReleaseOutcome.LEASE_LOST;
      if (released == ReleaseOutcome.ABSENT && model != null && model.isExpired(now)) {
        expected = ReleaseOutcome.ABSENT; // a store may already have deleted an expired record
        model = null;
      }
      if (carries && released == ReleaseOutcome.RELEASED) {
        model = null;
      }
    }
    believedHeldUntil.remove(holder);
    if (outcome != expected) {
      return (complete ? "complete" : "release")
          + " with lease "
          + lease
          + " answered "
          + outcome
          + " but the model expects "
          + expected
          + (carries ? "" : " (a stale or foreign lease must never write)");
    }
    return null;
  }

  private String compareStored() {
    Optional<IdempotencyRecord> stored = store.find(key);
    if (model == null) {
      return stored.isPresent()
          ? "the store holds " + stored.get() + " but the model holds none"
          : null;
    }
    if (stored.isEmpty()) {
      return "the store holds no record but the model holds " + model;
    }
    return sameRecord("the stored record", stored.get());
  }

  private String sameRecord(String what, IdempotencyRecord actual) {
    boolean same =
        model.key().equals(actual.key())
            && model.status() == actual.status()
            && model.expiresAt().equals(actual.expiresAt())
            && Arrays.equals(model.data(), actual.data())
            && Objects.equals(model.validation(), actual.validation())
            && (model.status() != RecordStatus.INPROGRESS
                || (Objects.equals(model.lease(), actual.lease())
                    && Objects.equals(model.inProgressExpiresAt(), actual.inProgressExpiresAt())));
    return same
        ? null
        : what + " is " + describe(actual) + " but the model holds " + describe(model);
  }

  /** Holders that were granted the key, have not written since, and whose lease has not ended. */
  private String atMostOneLiveHolder() {
    Instant now = clock.instant();
    List<Integer> live = new ArrayList<>();
    believedHeldUntil.forEach(
        (holder, until) -> {
          if (now.isBefore(until)) {
            live.add(holder);
          }
        });
    return live.size() > 1 ? "holders " + live + " both hold a live lease at " + now : null;
  }

  private static String describe(IdempotencyRecord record) {
    return record
        + "{lease="
        + record.lease()
        + ", data="
        + (record.data() == null ? "null" : new String(record.data(), StandardCharsets.UTF_8))
        + "}";
  }
}
