package dev.once;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh fencing tokens: 128 random bits as 32 hex digits. They need to be unique, not secret, so a
 * fast per-thread generator is enough.
 */
final class Leases {

  private static final HexFormat HEX = HexFormat.of();

  private Leases() {}

  /**
   * A new fencing token. Thread-safe.
   *
   * @return 32 lowercase hex digits, unique with overwhelming probability
   */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // System.nanoTime() is folded in because a generator's state can repeat across machines:
    // Lambda SnapStart resumes many execution environments from one snapshot, each with the
    // same ThreadLocalRandom state, while their clocks differ.
    return HEX.toHexDigits(random.nextLong())
        .concat(HEX.toHexDigits(random.nextLong() ^ System.nanoTime()));
  }
}
