package dev.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.once.spi.AcquireRequest;
import dev.once.spi.Completion;
import dev.once.spi.RecordStatus;
import dev.once.spi.StoreTransaction;
import dev.once.spi.TransactionalStore;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.FakeClock;
import dev.once.testkit.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The engine's transactional calls against a store whose "transaction" stages effects and the
 * completion, and applies both only on commit: the effect and its record commit together or not at
 * all.
 */
class TransactionalCallTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final StagingStore store = new StagingStore();
  private final RecordingListener events = new RecordingListener();
  private final Idempotency idempotency =
      Idempotency.builder(store).clock(clock).sleeper(clock.sleeper()).listener(events).build();

  /** The work's side of a transaction: effects written through it. */
  static final class Tx {
    final List<String> effects = new ArrayList<>();
    Completion completion;
  }

  /** An in-memory store whose transactions apply their effects and completion on commit. */
  static final class StagingStore extends CountingStore implements TransactionalStore<Tx> {
    final List<String> ledger = new CopyOnWriteArrayList<>();
    RuntimeException commitFailure;
    int opened;

    @Override
    public Class<Tx> transactionType() {
      return Tx.class;
    }

    @Override
    public StoreTransaction<Tx> begin() {
      opened++;
      return transaction(new Tx(), true);
    }

    @Override
    public StoreTransaction<Tx> join(Tx transaction) {
      return transaction(transaction, false);
    }

    @Override
    public WriteOutcome complete(Tx transaction, Completion completion) {
      boolean held =
          records()
              .find(completion.key())
              .map(r -> completion.lease().equals(r.lease()))
              .orElse(false);
      if (!held) {
        return WriteOutcome.LEASE_LOST;
      }
      transaction.completion = completion;
      return WriteOutcome.WRITTEN;
    }

    private StoreTransaction<Tx> transaction(Tx tx, boolean owned) {
      return new StoreTransaction<>() {
        @Override
        public Tx handle() {
          return tx;
        }

        @Override
        public void commit() {
          if (!owned) {
            return;
          }
          if (commitFailure != null) {
            throw commitFailure;
          }
          applyCommitted(tx);
        }

        @Override
        public void rollback() {
          tx.effects.clear();
          tx.completion = null;
        }

        @Override
        public void close() {}
      };
    }

    void applyCommitted(Tx tx) {
      ledger.addAll(tx.effects);
      if (tx.completion != null) {
        records().complete(tx.completion);
      }
    }
  }

  private String charge(Tx tx, String order) {
    tx.effects.add("charge " + order);
    return "receipt " + order;
  }

  @Test
  void theEffectAndTheRecordCommitTogetherAndTheDuplicateReplays() {
    String first =
        idempotency.callInTransaction(
            "o-1", ResultType.of(String.class), null, (Tx tx) -> charge(tx, "o-1"));
    String again =
        idempotency.callInTransaction(
            "o-1", ResultType.of(String.class), null, (Tx tx) -> charge(tx, "o-1"));

    assertThat(first).isEqualTo("receipt o-1");
    assertThat(again).isEqualTo("receipt o-1");
    assertThat(store.ledger).containsExactly("charge o-1");
    assertThat(store.find(idempotency.keyOf("o-1")).orElseThrow().status())
        .isEqualTo(RecordStatus.COMPLETED);
  }

  @Test
  void workThatThrowsRollsBackReleasesTheKeyAndRethrowsUnchanged() {
    IllegalStateException declined = new IllegalStateException("declined");

    Throwable thrown =
        catchThrowable(
            () ->
                idempotency.callInTransaction(
                    "o-1",
                    ResultType.of(String.class),
                    null,
                    (Tx tx) -> {
                      charge(tx, "o-1");
                      throw declined;
                    }));

    assertThat(thrown).isSameAs(declined);
    assertThat(store.ledger).isEmpty();
    assertThat(store.find(idempotency.keyOf("o-1"))).isEmpty();
  }

  @Test
  void aLeaseLostBeforeTheCommitRollsTheEffectBack() {
    Idempotency shortLease =
        idempotency.newBuilder().maxRunTime(Duration.ofSeconds(10)).leaseRenewal(false).build();
    String key = shortLease.keyOf("o-1");

    Throwable thrown =
        catchThrowable(
            () ->
                shortLease.callInTransaction(
                    "o-1",
                    ResultType.of(String.class),
                    null,
                    (Tx tx) -> {
                      clock.advance(Duration.ofSeconds(11));
                      store.acquire(
                          new AcquireRequest(
                              key,
                              "other",
                              null,
                              clock.instant(),
                              Duration.ofMinutes(1),
                              Duration.ofHours(1)));
                      return charge(tx, "o-1");
                    }));

    assertThat(thrown).isInstanceOf(LeaseLostException.class);
    assertThat(((LeaseLostException) thrown).rolledBack()).isTrue();
    assertThat(store.ledger).as("the effect was rolled back").isEmpty();
    assertThat(store.find(key).orElseThrow().lease()).isEqualTo("other");
  }

  @Test
  void aCommitWhoseOutcomeIsUnknownKeepsTheKeyHeld() {
    store.commitFailure = new CommitOutcomeUnknownException("k", null);

    assertThatThrownBy(
            () ->
                idempotency.callInTransaction(
                    "o-1", ResultType.of(String.class), null, (Tx tx) -> charge(tx, "o-1")))
        .isInstanceOf(CommitOutcomeUnknownException.class);

    assertThat(store.find(idempotency.keyOf("o-1")).orElseThrow().status())
        .as("never released: it may hold a committed record")
        .isEqualTo(RecordStatus.INPROGRESS);
  }

  @Test
  void aCommitThatSurelyFailedReleasesTheKey() {
    store.commitFailure = new StoreException("serialization failure", null, null);

    assertThatThrownBy(
            () ->
                idempotency.callInTransaction(
                    "o-1", ResultType.of(String.class), null, (Tx tx) -> charge(tx, "o-1")))
        .isInstanceOf(StoreException.class);

    assertThat(store.find(idempotency.keyOf("o-1"))).isEmpty();
  }

  @Test
  void theCallersOwnTransactionCarriesTheCompletionAndTheCallerCommits() {
    Tx mine = new Tx();

    String result =
        idempotency.callInTransaction(
            "o-1", ResultType.of(String.class), null, mine, (Tx tx) -> charge(tx, "o-1"));

    assertThat(result).isEqualTo("receipt o-1");
    assertThat(store.opened).isZero();
    assertThat(store.find(idempotency.keyOf("o-1")).orElseThrow().status())
        .as("not committed yet")
        .isEqualTo(RecordStatus.INPROGRESS);
    store.applyCommitted(mine); // the caller commits
    assertThat(store.ledger).containsExactly("charge o-1");
    assertThat(idempotency.call("o-1", String.class, () -> "again")).isEqualTo("receipt o-1");
  }

  @Test
  void longTransactionalWorkRenewsItsLeaseUntilTheCommit() {
    Idempotency renewing =
        idempotency
            .newBuilder()
            .maxRunTime(Duration.ofSeconds(30))
            .scheduler(clock.scheduler())
            .build();

    String result =
        renewing.callInTransaction(
            "o-1",
            ResultType.of(String.class),
            null,
            (Tx tx) -> {
              for (int i = 0; i < 12; i++) {
                clock.advance(Duration.ofSeconds(10)); // two minutes: four leases' worth
              }
              assertThatThrownBy(() -> renewing.call("o-1", String.class, () -> "dup"))
                  .isInstanceOf(InProgressException.class);
              return charge(tx, "o-1");
            });

    assertThat(result).isEqualTo("receipt o-1");
    assertThat(store.ledger).containsExactly("charge o-1");
    assertThat(events.events()).contains("leaseRenewed").doesNotContain("leaseLost");
  }

  @Test
  void aStoreThatCannotJoinATransactionIsRefused() {
    Idempotency plain = Idempotency.builder(new InMemoryStore()).build();

    assertThatThrownBy(
            () ->
                plain.callInTransaction(
                    "o-1", ResultType.of(String.class), null, (Tx tx) -> charge(tx, "o-1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TransactionalStore");
  }
}
