package dev.once.dynamodb.history;

import dev.once.dynamodb.testing.DynamoDbProxy.Fault;
import dev.once.dynamodb.testing.DynamoDbProxy.FaultPlan;
import dev.once.dynamodb.testing.DynamoDbProxy.Injection;
import java.time.Duration;
import java.util.Random;

/**
 * Faults at random, request by request, for the history check: a share {@code rate} of all requests
 * meets one, spread over dropped connections, lost answers (the request applied), answers and
 * requests late by more than the client's attempt timeout, 500s and throttling. Seeded;
 * thread-safe.
 */
final class ChaosPlan implements FaultPlan {

  /** The faults, each with its weight among the faulty requests. */
  private static final Fault[] FAULTS = {
    Fault.DROP,
    Fault.LOSE_ANSWER,
    Fault.LATE_ANSWER,
    Fault.LATE_REQUEST,
    Fault.SERVER_ERROR,
    Fault.THROTTLING
  };

  private static final int[] WEIGHTS = {3, 3, 2, 1, 2, 1};

  private final Random random;
  private final double rate;
  private final Duration minLate;
  private final Duration maxLate;
  private final int totalWeight;

  /**
   * @param rate the share of requests that meet a fault
   * @param attemptTimeout the client's attempt timeout: late faults come 1.2 to 2.5 times later
   */
  ChaosPlan(long seed, double rate, Duration attemptTimeout) {
    this.random = new Random(seed);
    this.rate = rate;
    this.minLate = attemptTimeout.multipliedBy(6).dividedBy(5);
    this.maxLate = attemptTimeout.multipliedBy(5).dividedBy(2);
    int total = 0;
    for (int weight : WEIGHTS) {
      total += weight;
    }
    this.totalWeight = total;
  }

  @Override
  public synchronized Injection next(String operation) {
    if (random.nextDouble() >= rate) {
      return null;
    }
    int pick = random.nextInt(totalWeight);
    int i = 0;
    while (pick >= WEIGHTS[i]) {
      pick -= WEIGHTS[i++];
    }
    long spread = maxLate.toMillis() - minLate.toMillis();
    Duration late = minLate.plusMillis((long) (random.nextDouble() * spread));
    return new Injection(FAULTS[i], late);
  }

  /** The faults this plan injects, in report order. */
  static Fault[] faults() {
    return FAULTS.clone();
  }
}
