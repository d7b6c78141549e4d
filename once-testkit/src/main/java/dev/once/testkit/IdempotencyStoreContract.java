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
import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.Completion;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.RecordStatus;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.TimeSource;
import dev.once.spi.WriteOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link IdempotencyStore} keeps, as one JUnit 5 suite: extend it, implement
 * {@link #newStore()}, and every row of the state machine runs against the store, first through the
 * SPI, then through the {@link Idempotency} engine.
 *
 * <p>Time is a {@link FakeClock} starting at the real current second. {@link #newStore()} returns a
 * store on {@link TimeSource#CALLER}: it judges liveness by the {@code now} each request carries,
 * so the suite moves time without sleeping, even against a real server (checked before each test).
 * A store with a clock of its own ({@link TimeSource#STORE}: Redis {@code TIME}, SQL {@code now()})
 * offers the caller's clock as a setting for this suite, and tests its own clock in tests of its
 * own, as once-redis's and once-jdbc's {@code StoreClockTest} do: records' times come from the
 * server, and instances with clocks hours apart do not take over each other's live records. Keys
 * carry a prefix unique to each test, so a store may share one table across tests; only the listing
 * test looks beyond its own keys, and it tolerates other records.
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
   *
   * @return a store whose {@link IdempotencyStore#timeSource()} is {@link TimeSource#CALLER}
   */
  protected abstract IdempotencyStore newStore();

  @BeforeEach
  final void openContractStore() {
    clock = FakeClock.startingNow();
    prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    store = newStore();
    assertThat(store.timeSource())
        .as(
            "newStore() must judge time by the caller's clock (TimeSource.CALLER), so that the"
                + " suite's fake clock drives expiry; test the store's own clock in tests of its own")
        .isEqualTo(TimeSource.CALLER);
  }

  @AfterEach
  final void closeContractStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /**
   * The store under test, for subclasses adding their own tests.
   *
   * @return the store {@link #newStore()} made for the current test
   */
  protected final IdempotencyStore store() {
    return store;
  }

  /**
   * The fake clock of the current test.
   *
   * @return a clock started at the real time, truncated to the second, before the test
   */
  protected final FakeClock clock() {
    return clock;
  }

  /**
   * A key unique to this test: {@code contract-<id>#<name>}.
   *
   * @param name what tells the key apart within the test
   * @return the full key
   */
  protected final String key(String name) {
    return prefix + "#" + name;
  }

  /**
   * An acquisition sent now, with {@link #LEASE} and {@link #EXPIRY}.
   *
   * @param key the full key
   * @param lease the new holder's fencing token
   * @return the request, with a fixed validation digest
   */
  protected final AcquireRequest request(String key, String lease) {
    return request(key, lease, LEASE);
  }

  /**
   * An acquisition sent now, with the given lease length and {@link #EXPIRY}.
   *
   * @param key the full key
   * @param lease the new holder's fencing token
   * @param leaseLength how long the lease lasts; positive
   * @return the request, with a fixed validation digest
   */
  protected final AcquireRequest request(String key, String lease, Duration leaseLength) {
    return new AcquireRequest(
        key, lease, "validation-digest", clock.instant(), leaseLength, EXPIRY);
  }

  /**
   * The record a store on the caller's clock writes for {@code request}.
   *
   * @param request an acquisition
   * @return the in-progress record, its times counted from the request's {@code now}
   */
  protected static IdempotencyRecord written(AcquireRequest request) {
    return request.record(request.now());
  }

  /**
   * A completion sent now, with {@link #EXPIRY}.
   *
   * @param key the full key
   * @param lease the fencing token the record must still carry
   * @param status the final state
   * @param data the encoded result
   * @return the completion
   */
  protected final Completion completion(
      String key, String lease, RecordStatus status, byte[] data) {
    return new Completion(key, lease, status, data, clock.instant(), EXPIRY);
  }

  /**
   * A lease extension sent now.
   *
   * @param key the full key
   * @param lease the fencing token the record must still carry
   * @param leaseLength the new lease's length; positive
   * @return the extension
   */
  protected final LeaseExtension extension(String key, String lease, Duration leaseLength) {
    return new LeaseExtension(key, lease, clock.instant(), leaseLength);
  }

  /**
   * An engine over the store, on this test's clock, with its own key prefix.
   *
   * @param listener the listener that records what the engine does
   * @return a builder to adjust and build; its sleeper advances the test's clock
   */
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

  private AcquireResult acquire(AcquireRequest request) {
    return store.acquire(request);
  }

  // ---- SPI: acquire ----

  @Test
  void acquireOnAbsentKeyWritesTheInProgressRecord() {
    AcquireRequest mine = request(key("a"), "lease-1");

    assertThat(store.acquire(mine)).isEqualTo(AcquireResult.acquired());

    IdempotencyRecord found = stored(key("a"));
    assertThat(found).isEqualTo(written(mine));
    assertThat(found.data()).isNull();
  }

  @Test
  void acquireOnLiveInProgressRecordReturnsItWithItsFields() {
    AcquireRequest first = request(key("a"), "lease-1");
    store.acquire(first);
    clock.advance(LEASE.minusMillis(1));

    AcquireResult second = store.acquire(request(key("a"), "lease-2"));

    assertThat(second).isInstanceOf(AcquireResult.Existing.class);
    IdempotencyRecord existing = ((AcquireResult.Existing) second).record();
    assertThat(existing).isEqualTo(written(first));
    assertThat(stored(key("a")).lease()).isEqualTo("lease-1");
  }

  @Test
  void acquireTakesOverAnInProgressRecordPastItsInProgressExpiry() {
    AcquireRequest first = request(key("a"), "lease-1");
    store.acquire(first);
    clock.set(written(first).inProgressExpiresAt()); // the lease ends at this instant, inclusive

    AcquireRequest second = request(key("a"), "lease-2");
    assertThat(store.acquire(second)).isEqualTo(AcquireResult.acquired());

    assertThat(stored(key("a"))).isEqualTo(written(second));
  }

  @Test
  void acquireOnLiveCompletedRecordReturnsItWithItsResult() {
    store.acquire(request(key("a"), "lease-1"));
    Instant expiresAt = expiryFromNow();
    store.complete(completion(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("\"r\"")));
    clock.advance(LEASE.multipliedBy(2)); // past the old lease: completed records do not care

    AcquireResult again = store.acquire(request(key("a"), "lease-2"));

    assertThat(again).isInstanceOf(AcquireResult.Existing.class);
    IdempotencyRecord existing = ((AcquireResult.Existing) again).record();
    assertThat(existing.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(existing.data()).isEqualTo(utf8("\"r\""));
    assertThat(existing.expiresAt()).isEqualTo(expiresAt);
    assertThat(existing.validation()).isEqualTo("validation-digest");
  }

  @Test
  void acquireTakesOverAnExpiredCompletedRecord() {
    store.acquire(request(key("a"), "lease-1"));
    Instant expiresAt = expiryFromNow();
    store.complete(completion(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("1")));
    clock.set(expiresAt.minusMillis(1));
    assertThat(store.acquire(request(key("a"), "lease-2")))
        .isInstanceOf(AcquireResult.Existing.class);

    clock.set(expiresAt); // expired at this instant, inclusive
    AcquireRequest next = request(key("a"), "lease-3");
    assertThat(store.acquire(next)).isEqualTo(AcquireResult.acquired());
    assertThat(stored(key("a"))).isEqualTo(written(next));
  }

  @Test
  void keysAreIndependent() {
    store.acquire(request(key("a"), "lease-a"));

    assertThat(store.acquire(request(key("b"), "lease-b"))).isEqualTo(AcquireResult.acquired());
    assertThat(stored(key("a")).lease()).isEqualTo("lease-a");
    assertThat(stored(key("b")).lease()).isEqualTo("lease-b");
  }

  // ---- SPI: complete and release, fenced by the lease ----

  @Test
  void completeWithTheLeaseStoresTheResultAndKeepsValidationAndLeaseEnd() {
    AcquireRequest mine = request(key("a"), "lease-1");
    store.acquire(mine);
    clock.advance(Duration.ofSeconds(2));
    Instant expiresAt = expiryFromNow();

    WriteOutcome outcome =
        store.complete(completion(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("{\"ok\":1}")));

    assertThat(outcome).isEqualTo(WriteOutcome.WRITTEN);
    IdempotencyRecord done = stored(key("a"));
    assertThat(done.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(done.data()).isEqualTo(utf8("{\"ok\":1}"));
    assertThat(done.expiresAt()).isEqualTo(expiresAt);
    assertThat(done.validation()).isEqualTo("validation-digest");
    assertThat(done.inProgressExpiresAt()).isEqualTo(written(mine).inProgressExpiresAt());
  }

  @Test
  void completeStoresAPermanentFailure() {
    store.acquire(request(key("a"), "lease-1"));

    assertThat(store.complete(completion(key("a"), "lease-1", RecordStatus.FAILED, utf8("{}"))))
        .isEqualTo(WriteOutcome.WRITTEN);

    assertThat(stored(key("a")).status()).isEqualTo(RecordStatus.FAILED);
    assertThat(store.acquire(request(key("a"), "lease-2")))
        .isInstanceOf(AcquireResult.Existing.class);
  }

  @Test
  void completeAndReleaseWithAForeignLeaseChangeNothing() {
    AcquireRequest mine = request(key("a"), "lease-1");
    store.acquire(mine);

    assertThat(store.complete(completion(key("a"), "other", RecordStatus.COMPLETED, utf8("1"))))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.release(key("a"), "other")).isEqualTo(ReleaseOutcome.LEASE_LOST);

    assertThat(stored(key("a"))).isEqualTo(written(mine));
  }

  @Test
  void completeAndReleaseOfAnAbsentKeyLoseTheLease() {
    assertThat(store.complete(completion(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("1"))))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.release(key("a"), "lease-1")).isEqualTo(ReleaseOutcome.ABSENT);
    assertThat(store.find(key("a"))).isEmpty();
  }

  @Test
  void staleHolderCannotCompleteOrReleaseAfterATakeover() {
    store.acquire(request(key("a"), "stale"));
    clock.advance(LEASE);
    AcquireRequest fresh = request(key("a"), "fresh");
    assertThat(store.acquire(fresh)).isEqualTo(AcquireResult.acquired());

    assertThat(store.complete(completion(key("a"), "stale", RecordStatus.COMPLETED, utf8("1"))))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.release(key("a"), "stale")).isEqualTo(ReleaseOutcome.LEASE_LOST);
    assertThat(stored(key("a"))).isEqualTo(written(fresh));

    assertThat(store.complete(completion(key("a"), "fresh", RecordStatus.COMPLETED, utf8("2"))))
        .isEqualTo(WriteOutcome.WRITTEN);
    assertThat(stored(key("a")).data()).isEqualTo(utf8("2"));
  }

  @Test
  void staleHolderCannotReleaseACompletedRecordOfTheNewHolder() {
    store.acquire(request(key("a"), "stale"));
    clock.advance(LEASE.plusSeconds(1));
    store.acquire(request(key("a"), "fresh"));
    store.complete(completion(key("a"), "fresh", RecordStatus.COMPLETED, utf8("2")));

    assertThat(store.release(key("a"), "stale")).isEqualTo(ReleaseOutcome.LEASE_LOST);
    assertThat(store.complete(completion(key("a"), "stale", RecordStatus.COMPLETED, utf8("1"))))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(stored(key("a")).status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(stored(key("a")).data()).isEqualTo(utf8("2"));
  }

  @Test
  void releaseDeletesTheRecordAndTheKeyCanBeAcquiredAgain() {
    store.acquire(request(key("a"), "lease-1"));

    assertThat(store.release(key("a"), "lease-1")).isEqualTo(ReleaseOutcome.RELEASED);
    assertThat(store.find(key("a"))).isEmpty();

    AcquireRequest again = request(key("a"), "lease-2");
    assertThat(store.acquire(again)).isEqualTo(AcquireResult.acquired());
    assertThat(stored(key("a"))).isEqualTo(written(again));
  }

  @Test
  void aSecondReleaseFindsNothingAndSaysSoRatherThanALostLease() {
    store.acquire(request(key("a"), "lease-1"));
    assertThat(store.release(key("a"), "lease-1")).isEqualTo(ReleaseOutcome.RELEASED);

    assertThat(store.release(key("a"), "lease-1")).isEqualTo(ReleaseOutcome.ABSENT);
  }

  @Test
  void aRetriedCompletionWhoseFirstAttemptLandedWritesTheSameAgain() {
    store.acquire(request(key("a"), "lease-1"));
    store.complete(completion(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("1")));

    assertThat(store.complete(completion(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("1"))))
        .isEqualTo(WriteOutcome.WRITTEN);
    assertThat(stored(key("a")).data()).isEqualTo(utf8("1"));
  }

  // ---- SPI: extend (lease renewal) ----

  @Test
  void extendMovesTheLeaseEndSoTheKeyIsNotTakenOver() {
    AcquireRequest mine = request(key("a"), "lease-1");
    store.acquire(mine);
    clock.advance(LEASE.minusSeconds(5));

    assertThat(store.extend(extension(key("a"), "lease-1", LEASE))).isEqualTo(WriteOutcome.WRITTEN);

    Instant newEnd = clock.instant().plus(LEASE);
    assertThat(stored(key("a")).inProgressExpiresAt()).isEqualTo(newEnd);
    assertThat(stored(key("a")).lease()).isEqualTo("lease-1");
    clock.set(written(mine).inProgressExpiresAt().plusSeconds(1)); // past the first lease
    assertThat(store.acquire(request(key("a"), "lease-2")))
        .isInstanceOf(AcquireResult.Existing.class);
    clock.set(newEnd);
    assertThat(store.acquire(request(key("a"), "lease-3"))).isEqualTo(AcquireResult.acquired());
  }

  @Test
  void extendKeepsTheRecordFromExpiringBeforeItsNewLeaseEnds() {
    AcquireRequest shortLived =
        new AcquireRequest(
            key("a"),
            "lease-1",
            null,
            clock.instant(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3));
    store.acquire(shortLived);
    Duration longLease = Duration.ofMinutes(10);

    store.extend(extension(key("a"), "lease-1", longLease));

    Instant leaseEnd = clock.instant().plus(longLease);
    assertThat(stored(key("a")).expiresAt()).isAfter(leaseEnd);
    clock.set(leaseEnd.minusMillis(1));
    assertThat(store.acquire(request(key("a"), "lease-2")))
        .isInstanceOf(AcquireResult.Existing.class);
  }

  @Test
  void extendWithAForeignLeaseOrOnAFinishedOrAbsentRecordChangesNothing() {
    AcquireRequest mine = request(key("a"), "lease-1");
    store.acquire(mine);

    assertThat(store.extend(extension(key("a"), "other", LEASE)))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(stored(key("a"))).isEqualTo(written(mine));

    store.complete(completion(key("a"), "lease-1", RecordStatus.COMPLETED, utf8("1")));
    IdempotencyRecord completed = stored(key("a"));
    assertThat(store.extend(extension(key("a"), "lease-1", LEASE)))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(stored(key("a"))).isEqualTo(completed);

    assertThat(store.extend(extension(key("b"), "lease-1", LEASE)))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(store.find(key("b"))).isEmpty();
  }

  @Test
  void staleHolderCannotExtendAfterATakeover() {
    store.acquire(request(key("a"), "stale"));
    clock.advance(LEASE);
    AcquireRequest fresh = request(key("a"), "fresh");
    store.acquire(fresh);

    assertThat(store.extend(extension(key("a"), "stale", LEASE)))
        .isEqualTo(WriteOutcome.LEASE_LOST);
    assertThat(stored(key("a"))).isEqualTo(written(fresh));
  }

  // ---- SPI: find, purge, list, data ----

  @Test
  void findReturnsEmptyForAnAbsentKey() {
    assertThat(store.find(key("nothing"))).isEmpty();
  }

  @Test
  void purgeDeletesWhateverTheRecordHolds() {
    store.acquire(request(key("a"), "lease-1"));
    store.acquire(request(key("b"), "lease-b"));
    store.complete(completion(key("b"), "lease-b", RecordStatus.COMPLETED, utf8("1")));

    assertThat(store.purge(key("a"))).isTrue();
    assertThat(store.purge(key("b"))).isTrue();
    assertThat(store.purge(key("a"))).isFalse();
    assertThat(store.find(key("a"))).isEmpty();
    assertThat(store.find(key("b"))).isEmpty();
    assertThat(store.acquire(request(key("b"), "lease-2"))).isEqualTo(AcquireResult.acquired());
  }

  @Test
  void listFiltersByStatusAndHonoursTheLimit() {
    for (String name : List.of("p1", "p2", "c1", "f1")) {
      store.acquire(request(key(name), "lease-" + name));
    }
    store.complete(completion(key("c1"), "lease-c1", RecordStatus.COMPLETED, utf8("1")));
    store.complete(completion(key("f1"), "lease-f1", RecordStatus.FAILED, utf8("{}")));

    assertThat(mine(store.list(EnumSet.of(RecordStatus.INPROGRESS), 1000)))
        .containsExactlyInAnyOrder(key("p1"), key("p2"));
    assertThat(mine(store.list(EnumSet.of(RecordStatus.COMPLETED), 1000)))
        .containsExactly(key("c1"));
    assertThat(mine(store.list(EnumSet.of(RecordStatus.FAILED), 1000))).containsExactly(key("f1"));
    assertThat(mine(store.list(EnumSet.allOf(RecordStatus.class), 1000)))
        .containsExactlyInAnyOrder(key("p1"), key("p2"), key("c1"), key("f1"));
    assertThat(store.list(EnumSet.allOf(RecordStatus.class), 2)).hasSize(2);
    assertThat(store.list(EnumSet.of(RecordStatus.INPROGRESS), 1000))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(RecordStatus.INPROGRESS));
  }

  @Test
  void purgeExpiredDeletesOnlyExpiredRecordsWhereTheStoreDoesNotExpireThemItself() {
    store.acquire(request(key("done"), "l1"));
    store.complete(completion(key("done"), "l1", RecordStatus.COMPLETED, utf8("1")));
    store.acquire(request(key("live"), "l2", Duration.ofHours(3)));
    clock.advance(EXPIRY.plusSeconds(1));
    store.acquire(request(key("fresh"), "l3"));

    OptionalInt purged = store.purgeExpired(clock.instant(), 1000);

    if (purged.isEmpty()) {
      return; // the store's server deletes expired records itself (a TTL)
    }
    assertThat(store.find(key("done"))).isEmpty();
    assertThat(store.find(key("live"))).isPresent();
    assertThat(store.find(key("fresh"))).isPresent();
    assertThat(purged.getAsInt()).isGreaterThanOrEqualTo(1);
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
      store.acquire(request(key, "lease"));
      store.complete(completion(key, "lease", RecordStatus.COMPLETED, payloads.get(i)));
      assertThat(stored(key).data()).as("payload %d", i).isEqualTo(payloads.get(i));
    }
  }

  @Test
  void recordsWithoutValidationKeepNone() {
    store.acquire(new AcquireRequest(key("a"), "l", null, clock.instant(), LEASE, EXPIRY));
    store.complete(completion(key("a"), "l", RecordStatus.COMPLETED, utf8("1")));

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
    String key = idempotency.keyOf("order-1");
    store.acquire(request(key, "other-holder"));
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
    String key = probe.keyOf("order-1");
    store.acquire(request(key, "other-holder", Duration.ofMinutes(10)));
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
                        completion(
                            key, "other-holder", RecordStatus.COMPLETED, utf8("\"theirs\"")));
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
    String key = waiter.keyOf("order-1");
    store.acquire(request(key, "crashed-holder", Duration.ofSeconds(2)));
    events.clear();

    String result = waiter.call("order-1", String.class, () -> "mine");

    assertThat(result).isEqualTo("mine");
    assertThat(events.events()).contains("wait", "miss");
    assertThat(stored(key).status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(
            store.complete(
                completion(key, "crashed-holder", RecordStatus.COMPLETED, utf8("\"late\""))))
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
    String key = waiter.keyOf("order-1");
    store.acquire(request(key, "slow-holder", Duration.ofMinutes(10)));
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
    String key = idempotency.keyOf("order-1");
    store.acquire(request(key, "stale"));
    clock.advance(LEASE.plusMillis(1));

    assertThat(idempotency.call("order-1", String.class, () -> "fresh")).isEqualTo("fresh");

    assertThat(store.release(key, "stale")).isEqualTo(ReleaseOutcome.LEASE_LOST);
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
}
