package dev.once.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh fencing tokens: 128 random bits as hex. They need to be unique, not secret, so a fast
 * per-thread generator is enough.
 */
public final class Leases {

  private Leases() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }
}
