package dev.once.dynamodb.history;

import dev.once.spi.AcquireRequest;
import dev.once.spi.AcquireResult;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.LeaseExtension;
import dev.once.spi.ReleaseOutcome;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.ForwardingStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store as the worker sees it, noting which lease each calling thread asked for last, how its
 * last release ended, and until when each lease was renewed, so that calls and executions can log
 * them: the engine calls {@code acquire} and {@code release} on the calling thread. Thread-safe.
 */
final class LeaseTrackingStore extends ForwardingStore {

  private final ThreadLocal<AcquireRequest> lastAcquire = new ThreadLocal<>();
  private final ThreadLocal<String> lastRelease = new ThreadLocal<>();
  private final Map<String, Instant> renewedUntil = new ConcurrentHashMap<>();

  LeaseTrackingStore(IdempotencyStore delegate) {
    super(delegate);
  }

  @Override
  public AcquireResult acquire(AcquireRequest request) {
    lastAcquire.set(request);
    return super.acquire(request);
  }

  @Override
  public ReleaseOutcome release(String key, String lease) {
    lastRelease.set("failed");
    ReleaseOutcome outcome = super.release(key, lease);
    lastRelease.set(outcome.name());
    return outcome;
  }

  @Override
  public WriteOutcome extend(LeaseExtension extension) {
    WriteOutcome outcome = super.extend(extension);
    if (outcome == WriteOutcome.WRITTEN) {
      renewedUntil.put(extension.lease(), extension.leaseEnd(extension.now()));
    }
    return outcome;
  }

  /** Forgets this thread's last acquisition, before a new call. */
  void startCall() {
    lastAcquire.remove();
    lastRelease.remove();
  }

  /**
   * How the last release this thread sent in its current call ended: a {@link ReleaseOutcome} name,
   * {@code failed} when the store threw, or {@code null} when none was sent.
   */
  String lastRelease() {
    return lastRelease.get();
  }

  /** The acquisition this thread sent last in its current call, or {@code null}. */
  AcquireRequest lastAcquire() {
    return lastAcquire.get();
  }

  /** When {@code request}'s lease ends as the store wrote it, renewals included. */
  Instant leaseEnd(AcquireRequest request) {
    Instant renewed = renewedUntil.get(request.lease());
    Instant first = request.leaseEnd(request.now());
    return renewed != null && renewed.isAfter(first) ? renewed : first;
  }

  /** Forgets the renewals of a lease whose call is over. */
  void forget(AcquireRequest request) {
    renewedUntil.remove(request.lease());
  }
}
