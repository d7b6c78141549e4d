package dev.once.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.Idempotency;
import dev.once.InProgressException;
import dev.once.InProgressPolicy;
import dev.once.PayloadMismatchException;
import dev.once.ResultTooLargeException;
import dev.once.StoredFailureException;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.RecordStatus;
import dev.once.spi.WriteOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link IdempotencyStore} keeps, as one JUnit 5 suite: extend it, implement
 * {@link #newStore()}, and every row of the state machine runs against the store, first through the
 * SPI, then through the {@link Idempotency} engine.
 *
 * <p>Time is a {@link FakeClock} starting at the real current second: stores judge liveness by the
 * {@code now} they are given, so the suite moves time without sleeping, even against a real server.
 * Keys carry a prefix unique to each test, so a store may share one table across tests; only the
 * listing test looks beyond its own keys, and it tolerates other records.
 */
public abstract class IdempotencyStoreContract {

  /** The lease of a record acquired by the helpers here. */
  protected static final Duration LEASE = Duration.ofSeconds(30);

  /** The expiry of a record acquired or completed by the helpers here. */
  protected static final Duration EXPIRY = Duration.ofHours(1);

  private static final int RACE_THREADS = 64;

  private IdempotencyStore store;
  private FakeClock clock;
  private String prefix;

  /**
   * A store over a fresh, empty keyspace, called once before each test. A store that is {@link
   * AutoCloseable} is closed after the test.
   */
  protected abstract IdempotencyStore newStore();

  @BeforeEach
  final void openContractStore() {
    clock = FakeClock.startingNow();
    prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    store = newStore();
  }

  @AfterEach
  final void closeContractStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** The store under test, for subclasses adding their own tests. */
  protected final IdempotencyStore store() {
    return store;
  }

  /** The fake clock of the current test. */
  protected final FakeClock clock() {
    return clock;
  }

  /** A key unique to this test: {@code contract-<id>#<name>}. */
  protected final String key(String name) {
    return prefix + "#" + name;
  }

  /** An in-progress record acquired now, with {@link #LEASE} and {@link #EXPIRY}. */
  protected final IdempotencyRecord inProgress(String key, String lease) {
    return inProgress(key, lease, LEASE);
  }

  /** An in-progress record acquired now, with the given lease length. */
  protected final IdempotencyRecord inProgress(String key, String lease, Duration leaseLength) {
    Instant now = clock.instant();
    return IdempotencyRecord.inProgress(
        key,
        now.plus(EXPIRY).truncatedTo(ChronoUnit.SECONDS),
        now.plus(leaseLength).truncatedTo(ChronoUnit.MILLIS),
        "validation-digest",
        lease);
  }

  /** An engine over the store, on this test's clock, with its own key prefix. */
  protected final Idempotency.Builder idempotency(RecordingListener listener) {
    return Idempotency.builder(store)
        .keyPrefix(prefix)
        .clock(clock)
        .sleeper(clock.sleeper())
        .listener(listener);
  }

  private IdempotencyRecord stored(String key) {
    return store.find(key).orElseThrow(() -> new AssertionError("no record stored for " + key));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Instant expiryFromNow() {
    return clock.instant().plus(EXPIRY).truncatedTo(ChronoUnit.SECONDS);
  }

  // ---- SPI: acquire ----

  @Test
  void acquireOnAbsentKeyWritesTheInProgressRecord() {
    IdempotencyRecord mine = inProgress(key("a"), "lease-1");

    assertThat(store.acquire(mine, clock.instant())).isEqualTo(AcquireResult.acquired());

    IdempotencyRecord found = stored(key("a"));
    assertThat(found).isEqualTo(mine);
    assertThat(found.data()).isNull();
  }

  @Test
  void acquireOnLiveInProgressRecordReturnsItWithItsFields() {
    IdempotencyRecord first = inProgress(key("a"), "lease-1");
    store.acquire(first, clock.instant());
    clock.advance(LEASE.minusMillis(1));

    AcquireResult second = store.acquire(inProgress(key("a"), "lease-2"), clock.instant());

    assertThat(second).isInstanceOf(AcquireResult.Existing.class);
    IdempotencyRecord existing = ((AcquireResult.Existing) second).record();
    assertThat(existing).isEqualTo(first);
    assertThat(stored(key("a")).lease()).isEqualTo("lease-1");
  }

  @Test
  void acquireTakesOverAnInProgressRecordPastItsInProgressExpiry() {
    IdempotencyRecord first = inProgress(key("a"), "lease-1");
    store.acquire(first, clock.instant());
    clock.set(first.inProgressExpiresAt()); // the lease ends at this instant, inclusive

    IdempotencyRecord second = inProgress(key("a"), "lease-2");
    assertThat(store.acquire(second, clock.instant())).isEqualTo(AcquireResult.acquired());

    assertThat(stored(key("a"))).isEqualTo(second);
  }

  @Test
  void acquireOnLiveCompletedRecordReturnsItWithItsResult() {
    store.acquire(inProgress(key("a"), "lease-1"), clock.instant());
    Instant expiresAt = expiryFromNow();
    store.complete(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("\"r\""), expiresAt);
    clock.advance(LEASE.multipliedBy(2)); // past the old lease: completed records do not care

    AcquireResult again = store.acquire(inProgress(key("a"), "lease-2"), clock.instant());

    assertThat(again).isInstanceOf(AcquireResult.Existing.class);
    IdempotencyRecord existing = ((AcquireResult.Existing) again).record();
    assertThat(existing.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(existing.data()).isEqualTo(utf8("\"r\""));
    assertThat(existing.expiresAt()).isEqualTo(expiresAt);
    assertThat(existing.validation()).isEqualTo("validation-digest");
  }

  @Test
  void acquireTakesOverAnExpiredCompletedRecord() {
    store.acquire(inProgress(key("a"), "lease-1"), clock.instant());
    Instant expiresAt = expiryFromNow();
    store.complete(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("1"), expiresAt);
    clock.set(expiresAt.minusMillis(1));
    assertThat(store.acquire(inProgress(key("a"), "lease-2"), clock.instant()))
        .isInstanceOf(AcquireResult.Existing.class);

    clock.set(expiresAt); // expired at this instant, inclusive
    IdempotencyRecord next = inProgress(key("a"), "lease-3");
    assertThat(store.acquire(next, clock.instant())).isEqualTo(AcquireResult.acquired());
    assertThat(stored(key("a"))).isEqualTo(next);
  }

  @Test
  void keysAreIndependent() {
    store.acquire(inProgress(key("a"), "lease-a"), clock.instant());

    assertThat(store.acquire(inProgress(key("b"), "lease-b"), clock.instant()))
        .isEqualTo(AcquireResult.acquired());
    assertThat(stored(key("a")).lease()).isEqualTo("lease-a");
    assertThat(stored(key("b")).lease()).isEqualTo("lease-b");
  }

  // ---- SPI: complete and release, fenced by the lease ----

  @Test
  void completeWithTheLeaseStoresTheResultAndKeepsValidationAndLeaseEnd() {
    IdempotencyRecord mine = inProgress(key("a"), "lease-1");
    store.acquire(mine, clock.instant());
    clock.advance(Duration.ofSeconds(2));
    Instant expiresAt = expiryFromNow();

    WriteOutcome outcome =
        store.complete(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("{\"ok\":1}"), expiresAt);

    assertThat(outcome).isEqualTo(WriteOutcome.WRITTEN);
    IdempotencyRecord done = stored(key("a"));
    assertThat(done.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(done.data()).isEqualTo(utf8("{\"ok\":1}"));
    assertThat(done.expiresAt()).isEqualTo(expiresAt);
    assertThat(done.validation()).isEqualTo("validation-digest");
    assertThat(done.inProgressExpiresAt()).isEqualTo(mine.inProgressExpiresAt());
  }

  @Test
  void completeStoresAPermanentFailure() {
    store.acquire(inProgress(key("a"), "lease-1"), clock.instant());

    assertThat(
            store.complete(key("a"), "lease-1", RecordStatus.FAILED, utf8("{}"), expiryFromNow()))
        .isEqualTo(WriteOutcome.WRITTEN);

    assertThat(stored(key("a")).status()).isEqualTo(RecordStatus.FAILED);
    assertThat(store.acquire(inProgress(key("a"), "lease-2"), clock.instant()))
        .isInstanceOf(AcquireResult.Existing.class);
  }

  @Test
  void completeAndReleaseWithAForeignLeaseChangeNothing() {
    IdempotencyRecord mine = inProgress(key("a"), "lease-1");
    store.acquire(mine, clock.instant());

    assertThat(
            store.complete(key("a"), "other", RecordStatus.COMPLETED, utf8("1"), expiryFromNow()))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.release(key("a"), "other")).isEqualTo(WriteOutcome.LEASE_LOST);

    assertThat(stored(key("a"))).isEqualTo(mine);
  }

  @Test
  void completeAndReleaseOfAnAbsentKeyLoseTheLease() {
    assertThat(
            store.complete(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("1"), expiryFromNow()))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.release(key("a"), "lease-1")).isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.find(key("a"))).isEmpty();
  }

  @Test
  void staleHolderCannotCompleteOrReleaseAfterATakeover() {
    store.acquire(inProgress(key("a"), "stale"), clock.instant());
    clock.advance(LEASE);
    IdempotencyRecord fresh = inProgress(key("a"), "fresh");
    assertThat(store.acquire(fresh, clock.instant())).isEqualTo(AcquireResult.acquired());

    assertThat(
            store.complete(key("a"), "stale", RecordStatus.COMPLETED, utf8("1"), expiryFromNow()))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.release(key("a"), "stale")).isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(stored(key("a"))).isEqualTo(fresh);

    assertThat(
            store.complete(key("a"), "fresh", RecordStatus.COMPLETED, utf8("2"), expiryFromNow()))
        .isEqualTo(WriteOutcome.WRITTEN);
    assertThat(stored(key("a")).data()).isEqualTo(utf8("2"));
  }

  @Test
  void staleHolderCannotReleaseACompletedRecordOfTheNewHolder() {
    store.acquire(inProgress(key("a"), "stale"), clock.instant());
    clock.advance(LEASE.plusSeconds(1));
    store.acquire(inProgress(key("a"), "fresh"), clock.instant());
    store.complete(key("a"), "fresh", RecordStatus.COMPLETED, utf8("2"), expiryFromNow());

    assertThat(store.release(key("a"), "stale")).isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(
            store.complete(key("a"), "stale", RecordStatus.COMPLETED, utf8("1"), expiryFromNow()))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(stored(key("a")).status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(stored(key("a")).data()).isEqualTo(utf8("2"));
  }

  @Test
  void releaseDeletesTheRecordAndTheKeyCanBeAcquiredAgain() {
    store.acquire(inProgress(key("a"), "lease-1"), clock.instant());

    assertThat(store.release(key("a"), "lease-1")).isEqualTo(WriteOutcome.WRITTEN);
    assertThat(store.find(key("a"))).isEmpty();

    IdempotencyRecord again = inProgress(key("a"), "lease-2");
    assertThat(store.acquire(again, clock.instant())).isEqualTo(AcquireResult.acquired());
    assertThat(stored(key("a"))).isEqualTo(again);
  }

  // ---- SPI: find, purge, list, data ----

  @Test
  void findReturnsEmptyForAnAbsentKey() {
    assertThat(store.find(key("nothing"))).isEmpty();
  }

  @Test
  void purgeDeletesWhateverTheRecordHolds() {
    store.acquire(inProgress(key("a"), "lease-1"), clock.instant());
    store.acquire(inProgress(key("b"), "lease-b"), clock.instant());
    store.complete(key("b"), "lease-b", RecordStatus.COMPLETED, utf8("1"), expiryFromNow());

    assertThat(store.purge(key("a"))).isTrue();
    assertThat(store.purge(key("b"))).isTrue();
    assertThat(store.purge(key("a"))).isFalse();
    assertThat(store.find(key("a"))).isEmpty();
    assertThat(store.find(key("b"))).isEmpty();
    assertThat(store.acquire(inProgress(key("b"), "lease-2"), clock.instant()))
        .isEqualTo(AcquireResult.acquired());
  }

  @Test
  void listFiltersByStatusAndHonoursTheLimit() {
    for (String name : List.of("p1", "p2", "c1", "f1")) {
      store.acquire(inProgress(key(name), "lease-" + name), clock.instant());
    }
    store.complete(key("c1"), "lease-c1", RecordStatus.COMPLETED, utf8("1"), expiryFromNow());
    store.complete(key("f1"), "lease-f1", RecordStatus.FAILED, utf8("{}"), expiryFromNow());

    assertThat(mine(store.list(Optional.of(RecordStatus.INPROGRESS), 1000)))
        .containsExactlyInAnyOrder(key("p1"), key("p2"));
    assertThat(mine(store.list(Optional.of(RecordStatus.COMPLETED), 1000)))
        .containsExactly(key("c1"));
    assertThat(mine(store.list(Optional.of(RecordStatus.FAILED), 1000))).containsExactly(key("f1"));
    assertThat(mine(store.list(Optional.empty(), 1000)))
        .containsExactlyInAnyOrder(key("p1"), key("p2"), key("c1"), key("f1"));
    assertThat(store.list(Optional.empty(), 2)).hasSize(2);
    assertThat(store.list(Optional.of(RecordStatus.INPROGRESS), 1000))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(RecordStatus.INPROGRESS));
  }

  private List<String> mine(List<IdempotencyRecord> records) {
    return records.stream().map(IdempotencyRecord::key).filter(k -> k.startsWith(prefix)).toList();
  }

  @Test
  void dataRoundTripsByteExact() {
    Random random = new Random(42);
    byte[] everyByte = new byte[256];
    for (int i = 0; i < 256; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] gzipLooking = new byte[4096];
    random.nextBytes(gzipLooking);
    gzipLooking[0] = (byte) 0x1f;
    gzipLooking[1] = (byte) 0x8b;
    byte[] large = new byte[Math.min(32 * 1024, store.maxDataBytes().orElse(Integer.MAX_VALUE))];
    random.nextBytes(large);
    byte[] text = utf8("{\"name\":\"Zoë ✓ 😀\",\"n\":1}");

    List<byte[]> payloads = List.of(everyByte, gzipLooking, large, text, new byte[] {0});
    for (int i = 0; i < payloads.size(); i++) {
      String key = key("data-" + i);
      store.acquire(inProgress(key, "lease"), clock.instant());
      store.complete(key, "lease", RecordStatus.COMPLETED, payloads.get(i), expiryFromNow());
      assertThat(stored(key).data()).as("payload %d", i).isEqualTo(payloads.get(i));
    }
  }

  @Test
  void recordsWithoutValidationKeepNone() {
    Instant now = clock.instant();
    IdempotencyRecord plain =
        IdempotencyRecord.inProgress(
            key("a"), expiryFromNow(), now.plus(LEASE).truncatedTo(ChronoUnit.MILLIS), null, "l");
    store.acquire(plain, now);
    store.complete(key("a"), "l", RecordStatus.COMPLETED, utf8("1"), expiryFromNow());

    assertThat(stored(key("a")).validation()).isNull();
  }

  @Test
  void randomInterleavingsKeepOneLiveHolderAndFenceStaleWrites() {
    Random random = new Random(7);
    for (int run = 0; run < 20; run++) {
      List<LeaseModelCheck.Step> steps = LeaseModelCheck.randomSteps(random, 3, 30);
      assertThat(LeaseModelCheck.run(store, clock, key("model-" + run), steps)).isEmpty();
    }
  }

  // ---- through the engine ----

  @Test
  void firstCallRunsAndTheDuplicateReplaysWithoutRunning() {
    RecordingListener events = new RecordingListener();
    Idempotency idempotency = idempotency(events).build();
    AtomicInteger runs = new AtomicInteger();

    String first =
        idempotency.call("order-1", String.class, () -> "receipt-" + runs.incrementAndGet());
    String second =
        idempotency.call("order-1", String.class, () -> "receipt-" + runs.incrementAndGet());

    assertThat(first).isEqualTo("receipt-1");
    assertThat(second).isEqualTo("receipt-1");
    assertThat(runs).hasValue(1);
    assertThat(events.events()).containsExactly("miss", "hit:COMPLETED", "replay");
    assertThat(stored(events.lastKey()).status()).isEqualTo(RecordStatus.COMPLETED);
  }

  @Test
  void inProgressFailsFastWithARetryableErrorAndRunsNothing() {
    RecordingListener events = new RecordingListener();
    Idempotency idempotency = idempotency(events).build();
    String key = keyOf(idempotency, events, "order-1");
    store.acquire(inProgress(key, "other-holder"), clock.instant());
    AtomicInteger runs = new AtomicInteger();

    Throwable thrown =
        catchThrowable(
            () -> idempotency.call("order-1", String.class, () -> "r" + runs.incrementAndGet()));

    assertThat(thrown).isInstanceOf(InProgressException.class);
    assertThat(((InProgressException) thrown).isRetryable()).isTrue();
    assertThat(((InProgressException) thrown).key()).isEqualTo(key);
    assertThat(runs).hasValue(0);
    assertThat(stored(key).lease()).isEqualTo("other-holder");
  }

  @Test
  void waitingReplaysWhenTheOtherHolderCompletesDuringTheWait() {
    RecordingListener events = new RecordingListener();
    Idempotency probe = idempotency(events).build();
    String key = keyOf(probe, events, "order-1");
    store.acquire(inProgress(key, "other-holder", Duration.ofMinutes(10)), clock.instant());
    AtomicInteger sleeps = new AtomicInteger();
    Idempotency waiter =
        idempotency(events)
            .inProgressPolicy(InProgressPolicy.WAIT)
            .maxRunTime(Duration.ofMinutes(5))
            .sleeper(
                pause -> {
                  clock.advance(pause);
                  if (sleeps.incrementAndGet() == 3) {
                    store.complete(
                        key,
                        "other-holder",
                        RecordStatus.COMPLETED,
                        utf8("\"theirs\""),
                        expiryFromNow());
                  }
                })
            .build();
    events.clear();
    AtomicInteger runs = new AtomicInteger();

    String result = waiter.call("order-1", String.class, () -> "mine-" + runs.incrementAndGet());

    assertThat(result).isEqualTo("theirs");
    assertThat(runs).hasValue(0);
    assertThat(events.events()).contains("wait", "replay").doesNotContain("miss");
  }

  @Test
  void waitingTakesOverWhenTheHolderLeaseExpiresDuringTheWait() {
    RecordingListener events = new RecordingListener();
    Idempotency waiter =
        idempotency(events)
            .inProgressPolicy(InProgressPolicy.WAIT)
            .maxRunTime(Duration.ofMinutes(1))
            .build();
    String key = keyOf(waiter, events, "order-1");
    store.acquire(inProgress(key, "crashed-holder", Duration.ofSeconds(2)), clock.instant());
    events.clear();

    String result = waiter.call("order-1", String.class, () -> "mine");

    assertThat(result).isEqualTo("mine");
    assertThat(events.events()).contains("wait", "miss");
    assertThat(stored(key).status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(
            store.complete(
                key, "crashed-holder", RecordStatus.COMPLETED, utf8("\"late\""), expiryFromNow()))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(waiter.call("order-1", String.class, () -> "again")).isEqualTo("mine");
  }

  @Test
  void waitingGivesUpWithInProgressBeforeTheDeadline() {
    RecordingListener events = new RecordingListener();
    Idempotency waiter =
        idempotency(events)
            .inProgressPolicy(InProgressPolicy.WAIT)
            .maxRunTime(Duration.ofSeconds(5))
            .build();
    String key = keyOf(waiter, events, "order-1");
    store.acquire(inProgress(key, "slow-holder", Duration.ofMinutes(10)), clock.instant());
    Instant start = clock.instant();

    assertThatThrownBy(() -> waiter.call("order-1", String.class, () -> "mine"))
        .isInstanceOf(InProgressException.class);

    assertThat(clock.instant()).isBefore(start.plusSeconds(5));
    assertThat(stored(key).lease()).isEqualTo("slow-holder");
  }

  @Test
  void engineTakesOverAnExpiredLeaseAndFencesTheStaleHolder() {
    RecordingListener events = new RecordingListener();
    Idempotency idempotency = idempotency(events).build();
    String key = keyOf(idempotency, events, "order-1");
    store.acquire(inProgress(key, "stale"), clock.instant());
    clock.advance(LEASE.plusMillis(1));

    assertThat(idempotency.call("order-1", String.class, () -> "fresh")).isEqualTo("fresh");

    assertThat(store.release(key, "stale")).isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(idempotency.call("order-1", String.class, () -> "again")).isEqualTo("fresh");
  }

  @Test
  void payloadMismatchFailsAndRunsNothing() {
    RecordingListener events = new RecordingListener();
    Idempotency idempotency =
        idempotency(events).keyPath("orderId").validationPath("amount").build();
    AtomicInteger runs = new AtomicInteger();
    idempotency.call(
        Map.of("orderId", "o-1", "amount", 10), String.class, () -> "r" + runs.incrementAndGet());

    assertThatThrownBy(
            () ->
                idempotency.call(
                    Map.of("orderId", "o-1", "amount", 11),
                    String.class,
                    () -> "r" + runs.incrementAndGet()))
        .isInstanceOf(PayloadMismatchException.class);
    assertThat(runs).hasValue(1);
    assertThat(idempotency.call(Map.of("orderId", "o-1", "amount", 10), String.class, () -> "x"))
        .isEqualTo("r1");
  }

  @Test
  void userExceptionIsRethrownUnchangedAndTheKeyReleased() {
    RecordingListener events = new RecordingListener();
    Idempotency idempotency = idempotency(events).build();
    IllegalStateException boom = new IllegalStateException("boom");

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.call(
                    "order-1",
                    String.class,
                    () -> {
                      throw boom;
                    }));

    assertThat(thrown).isSameAs(boom);
    assertThat(boom.getSuppressed()).isEmpty();
    assertThat(store.find(events.lastKey())).isEmpty();
    assertThat(idempotency.call("order-1", String.class, () -> "second try"))
        .isEqualTo("second try");
  }

  @Test
  void checkedUserExceptionIsRethrownUnchanged() {
    Idempotency idempotency = idempotency(new RecordingListener()).build();
    IOException io = new IOException("disk");

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.<String, IOException>call(
                    "order-1",
                    String.class,
                    () -> {
                      throw io;
                    }));

    assertThat(thrown).isSameAs(io);
  }

  @Test
  void permanentFailureIsStoredAndReplayed() {
    RecordingListener events = new RecordingListener();
    Idempotency idempotency =
        idempotency(events).permanentFailures(e -> e instanceof IllegalArgumentException).build();
    IllegalArgumentException declined = new IllegalArgumentException("card declined");
    AtomicInteger runs = new AtomicInteger();

    Throwable first =
        catchThrowable(
            () ->
                idempotency.call(
                    "order-1",
                    String.class,
                    () -> {
                      runs.incrementAndGet();
                      throw declined;
                    }));
    Throwable second =
        catchThrowable(
            () -> idempotency.call("order-1", String.class, () -> "r" + runs.incrementAndGet()));

    assertThat(first).isSameAs(declined);
    assertThat(second).isInstanceOf(StoredFailureException.class);
    StoredFailureException replay = (StoredFailureException) second;
    assertThat(replay.failureType()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(replay.failureMessage()).isEqualTo("card declined");
    assertThat(runs).hasValue(1);
    assertThat(stored(events.lastKey()).status()).isEqualTo(RecordStatus.FAILED);
  }

  @Test
  void resultTooLargeFailsAndLeavesTheKeyFree() {
    RecordingListener events = new RecordingListener();
    Idempotency idempotency = idempotency(events).maxResultBytes(64).build();
    byte[] noise = new byte[512];
    new Random(1).nextBytes(noise);
    String large = java.util.HexFormat.of().formatHex(noise);

    assertThatThrownBy(() -> idempotency.call("order-1", String.class, () -> large))
        .isInstanceOf(ResultTooLargeException.class);

    assertThat(store.find(events.lastKey())).isEmpty();
    assertThat(idempotency.call("order-1", String.class, () -> "small")).isEqualTo("small");
  }

  @Test
  void sixtyFourThreadsOnOneKeyRunTheWorkOnce() {
    Idempotency idempotency = idempotency(new RecordingListener()).build();

    RaceCheck.Report report = RaceCheck.run(idempotency, "order-race", RACE_THREADS);

    assertThat(report.violation()).as(report.toString()).isNull();
    assertThat(report.executions()).isEqualTo(1);
    assertThat(report.results() + report.inProgress()).isEqualTo(RACE_THREADS);
  }

  @Test
  void sixtyFourWaitingThreadsOnOneKeyAllGetTheOneResult() {
    // The clock stands still, so no waiter reaches its deadline: each polls until the one
    // execution completes. The pause only yields the processor; it is the engine's backoff.
    Idempotency idempotency =
        idempotency(new RecordingListener())
            .inProgressPolicy(InProgressPolicy.WAIT)
            .sleeper(pause -> java.util.concurrent.locks.LockSupport.parkNanos(1_000_000))
            .build();

    RaceCheck.Report report = RaceCheck.run(idempotency, "order-race", RACE_THREADS);

    assertThat(report.violation()).as(report.toString()).isNull();
    assertThat(report.results()).as(report.toString()).isEqualTo(RACE_THREADS);
  }

  /**
   * The full key the engine uses for {@code input}: found by a call whose work fails, which leaves
   * the key released.
   */
  protected static String keyOf(Idempotency idempotency, RecordingListener events, Object input) {
    AtomicReference<String> key = new AtomicReference<>();
    class Probe extends RuntimeException {
      Probe() {
        super("probe", null, false, false);
      }
    }
    try {
      idempotency.call(
          input,
          String.class,
          () -> {
            key.set(events.lastKey());
            throw new Probe();
          });
    } catch (Probe expected) {
      // the key is released again
    }
    if (key.get() == null) {
      throw new IllegalStateException("the probe call did not run");
    }
    return key.get();
  }
}
