package dev.once.dynamodb.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.once.Idempotency;
import dev.once.InMemoryStore;
import dev.once.InProgressException;
import dev.once.LeaseTooShortException;
import dev.once.StoreException;
import dev.once.dynamodb.DynamoDbStore;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the workers' effects logs and the table say happened, checked: every execution against its
 * lease, every successful call against the key's recorded result, every key left in progress
 * against the crash or outage behind it, every second effect of a key against the reason its first
 * could not be recorded. Not thread-safe.
 */
final class History {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An execution of the work: its effect, under a lease. {@code end} is null when cut short. */
  record Execution(
      String id,
      String worker,
      String input,
      String lease,
      long leaseEnd,
      long start,
      Long end,
      Long finalLeaseEnd,
      String outcome) {

    boolean cutShort() {
      return end == null;
    }

    /** True when the effect happened, or may have: it returned a result or its JVM died in it. */
    boolean effect() {
      return cutShort() || !"threw".equals(outcome);
    }
  }

  /** A call as its caller saw it. */
  record Call(
      String worker,
      String input,
      String lease,
      long start,
      long end,
      String outcome,
      String detail,
      boolean completionFailed,
      String release) {

    boolean succeeded() {
      return outcome.equals("OK");
    }

    /**
     * True when the call's release reached the store and it answered: the record deleted, none
     * found, or one of another lease found.
     */
    boolean releaseAnswered() {
      return "RELEASED".equals(release) || "ABSENT".equals(release) || "LEASE_LOST".equals(release);
    }
  }

  private final List<Execution> executions = new ArrayList<>();
  private final Map<String, Execution> executionByLease = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Call> callByLease = new HashMap<>();
  private final Map<String, IdempotencyRecord> records = new HashMap<>();
  private final Map<String, String> inputByKey = new HashMap<>();
  private final Map<String, Long> killedAt;
  private final Idempotency keys = HistoryWorker.idempotency(new InMemoryStore()).build();

  private History(Map<String, Long> killedAt) {
    this.killedAt = killedAt;
  }

  /**
   * Reads every {@code *.log} in {@code logs} and the final {@code records} of the table.
   *
   * @param killedAt when each killed worker was killed, epoch microseconds
   */
  static History read(Path logs, Map<String, Long> killedAt, List<IdempotencyRecord> records)
      throws IOException {
    History history = new History(killedAt);
    try (Stream<Path> files = Files.list(logs)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        String worker = file.getFileName().toString().replace(".log", "");
        history.readLog(worker, Files.readString(file));
      }
    }
    for (IdempotencyRecord record : records) {
      history.records.put(record.key(), record);
    }
    return history;
  }

  private void readLog(String worker, String text) {
    Map<String, String[]> started = new HashMap<>();
    String[] lines = text.split("\n", -1);
    // The last element is what follows the last newline: a line cut by a kill, or nothing.
    for (int i = 0; i < lines.length - 1; i++) {
      String[] f = lines[i].split("\t");
      switch (f[0]) {
        case EffectsLog.START -> started.put(f[1], f);
        case EffectsLog.END -> {
          String[] s = started.remove(f[1]);
          add(execution(worker, s, Long.parseLong(f[5]), Long.parseLong(f[4]), f[6]));
        }
        case EffectsLog.CALL -> addCall(worker, f);
        default -> throw new IllegalStateException("unknown line in " + worker + ": " + lines[i]);
      }
    }
    for (String[] s : started.values()) {
      if (!killedAt.containsKey(worker)) {
        throw new IllegalStateException(
            "execution " + s[1] + " of worker " + worker + " never ended, yet it was not killed");
      }
      add(execution(worker, s, null, null, null));
    }
  }

  private static Execution execution(
      String worker, String[] s, Long end, Long finalLeaseEnd, String outcome) {
    return new Execution(
        s[1],
        worker,
        s[2],
        s[3],
        Long.parseLong(s[4]),
        Long.parseLong(s[5]),
        end,
        finalLeaseEnd,
        outcome);
  }

  private void add(Execution execution) {
    executions.add(execution);
    executionByLease.put(execution.lease(), execution);
    inputByKey.putIfAbsent(keys.keyOf(execution.input()), execution.input());
  }

  private void addCall(String worker, String[] f) {
    Call call =
        new Call(
            worker,
            f[1],
            nullable(f[2]),
            Long.parseLong(f[3]),
            Long.parseLong(f[4]),
            f[5],
            nullable(f[6]),
            f[7].equals("CF"),
            nullable(f[8]));
    calls.add(call);
    if (call.lease() != null) {
      callByLease.put(call.lease(), call);
    }
    inputByKey.putIfAbsent(keys.keyOf(call.input()), call.input());
  }

  private static String nullable(String field) {
    return field.equals(EffectsLog.NONE) ? null : field;
  }

  /** What a key left in progress at the end has behind it. */
  enum LeftInProgress {
    JVM_KILLED("its JVM was killed during the call"),
    COMPLETION_FAILED("the result could not be stored (completion failed after retries)"),
    RELEASE_FAILED("the call failed and its release failed too (store unreachable)"),
    LATE_WRITE("the acquire's write landed after the call released (a late request)"),
    UNEXPLAINED("nothing: a key held for no one (a ghost hold) or a bug");

    final String reason;

    LeftInProgress(String reason) {
      this.reason = reason;
    }
  }

  /**
   * Classifies a record left in progress by its lease. A call that failed must have released its
   * key: a release that failed is an outage; one the store answered while the record stands means
   * the acquisition's write landed after it, which only a request held back in the network does. A
   * failed call that released nothing left a ghost hold.
   */
  private LeftInProgress leftInProgress(IdempotencyRecord record) {
    Call call = callByLease.get(record.lease());
    if (call == null) {
      // Every worker that was not killed logs every call it makes.
      return killedAt.isEmpty() ? LeftInProgress.UNEXPLAINED : LeftInProgress.JVM_KILLED;
    }
    if (call.completionFailed()) {
      return LeftInProgress.COMPLETION_FAILED;
    }
    if (call.succeeded()) {
      return LeftInProgress.UNEXPLAINED;
    }
    if ("failed".equals(call.release())) {
      return LeftInProgress.RELEASE_FAILED;
    }
    if (call.releaseAnswered()) {
      // The store answered the release (deleted our record, found none, or found another's), yet
      // the record bears this call's lease: only its acquire's write landing afterwards puts it
      // there, a request held back in the network (the SDK may have retried it meanwhile, so the
      // work may even have run and failed). It ends with its lease, as the sweep checks.
      return LeftInProgress.LATE_WRITE;
    }
    return LeftInProgress.UNEXPLAINED;
  }

  /**
   * Why a key's effect could happen again, in {@code later}, after {@code earlier}; null when
   * nothing explains it. A lost lease explains it only when the later one started after the earlier
   * one's lease had ended: a lease taken over while live is no excuse.
   */
  private String againBecause(Execution earlier, Execution later) {
    Call call = callByLease.get(earlier.lease());
    if (earlier.cutShort() || call == null) {
      return "its JVM was killed";
    }
    if (call.completionFailed()) {
      return "completion failed";
    }
    if (call.outcome().equals("LeaseLostException") && later.start() >= earlier.finalLeaseEnd()) {
      return "its lease ran out and was taken over";
    }
    return null;
  }

  /** The keys left in progress, taken over once their leases end: nothing stays stuck. */
  record Sweep(int inProgress, int takenOver, int stillHeld) {}

  private static final Duration SWEEP_PATIENCE = Duration.ofSeconds(30);

  /**
   * Calls every key left in progress once more, straight to dynalite, after its lease and the
   * store's skew tolerance have passed: each must be taken over.
   */
  Sweep sweep(DynamoDbStore table) throws InterruptedException {
    Idempotency direct = HistoryWorker.idempotency(table).build();
    int inProgress = 0;
    int takenOver = 0;
    for (IdempotencyRecord record : records.values()) {
      if (record.status() != RecordStatus.INPROGRESS) {
        continue;
      }
      inProgress++;
      Instant free = record.inProgressExpiresAt().plus(table.clockSkewTolerance()).plusMillis(100);
      long wait = Duration.between(Instant.now(), free).toMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      String input = inputByKey.get(record.key());
      if (input != null && takenOver(direct, input)) {
        takenOver++;
      }
    }
    return new Sweep(inProgress, takenOver, inProgress - takenOver);
  }

  /**
   * True when a call on {@code input} now takes the key over (or finds it finished by a straggler:
   * nothing is stuck either way). Tries for up to {@link #SWEEP_PATIENCE}: on a loaded machine
   * dynalite may answer slowly, and an error is no proof that the key is held.
   */
  private static boolean takenOver(Idempotency direct, String input) throws InterruptedException {
    long giveUp = System.nanoTime() + SWEEP_PATIENCE.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() - giveUp < 0) {
      try {
        direct.call(input, String.class, () -> "sweep");
        return true; // ran ("sweep") or replayed a result recorded meanwhile: not held
      } catch (InProgressException | StoreException | LeaseTooShortException notYet) {
        last = notYet;
        Thread.sleep(250);
      }
    }
    System.err.println("history sweep: key of " + input + " still held: " + last);
    return false;
  }

  /** Checks everything and counts it. */
  HistoryReport report(
      HistoryRun.Settings settings,
      dev.once.dynamodb.testing.DynamoDbProxy proxy,
      int dynaliteCrashes,
      int jvmKills,
      int jvmsStarted,
      Duration elapsed,
      Sweep sweep) {
    HistoryReport.Builder report = new HistoryReport.Builder(settings, elapsed, sweep);
    report.faults(proxy, dynaliteCrashes, jvmKills, jvmsStarted);
    checkCalls(report);
    checkExecutions(report);
    for (IdempotencyRecord record : records.values()) {
      if (record.status() == RecordStatus.INPROGRESS) {
        report.leftInProgress(leftInProgress(record));
      }
    }
    report.keys(inputByKey.size(), records.size());
    return report.build();
  }

  private void checkCalls(HistoryReport.Builder report) {
    for (Call call : calls) {
      report.call(
          call.outcome()
              + (call.detail() == null || call.succeeded() ? "" : " (" + call.detail() + ")"));
      if (!call.succeeded()) {
        continue;
      }
      IdempotencyRecord record = records.get(keys.keyOf(call.input()));
      String recorded =
          record == null || record.status() != RecordStatus.COMPLETED ? null : result(record);
      if (call.completionFailed()) {
        // The completion may have landed with its answer lost: then it is recorded after all.
        report.unrecordedSuccess(call.detail().equals(recorded));
        continue;
      }
      Execution own = call.lease() == null ? null : executionByLease.get(call.lease());
      report.success(own != null && call.detail().equals(own.id()), call.detail().equals(recorded));
    }
  }

  private static String result(IdempotencyRecord record) {
    try {
      return JSON.readValue(record.data(), String.class);
    } catch (IOException e) {
      throw new UncheckedIOException("record of " + record.key() + " holds no result", e);
    }
  }

  private void checkExecutions(HistoryReport.Builder report) {
    Map<String, List<Execution>> byInput = new TreeMap<>();
    for (Execution execution : executions) {
      report.execution(execution, execution.start() >= execution.leaseEnd());
      byInput.computeIfAbsent(execution.input(), k -> new ArrayList<>()).add(execution);
    }
    for (List<Execution> ofKey : byInput.values()) {
      ofKey.sort(Comparator.comparingLong(Execution::start));
      Execution lastEffect = null;
      for (int i = 0; i < ofKey.size(); i++) {
        Execution current = ofKey.get(i);
        if (i > 0) {
          checkOverlap(report, ofKey.get(i - 1), current);
        }
        if (current.effect()) {
          if (lastEffect != null) {
            report.repeatedEffect(againBecause(lastEffect, current));
          }
          lastEffect = current;
        }
      }
    }
  }

  /** Two executions of one key at once: only when the earlier one ran past its lease. */
  private void checkOverlap(HistoryReport.Builder report, Execution earlier, Execution later) {
    long stopped = earlier.cutShort() ? killedAt.get(earlier.worker()) : earlier.end();
    if (later.start() >= stopped) {
      return;
    }
    long leaseEnd = earlier.cutShort() ? earlier.leaseEnd() : earlier.finalLeaseEnd();
    report.overlap(stopped > leaseEnd);
  }
}
