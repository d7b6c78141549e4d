package dev.once;

/** What a call does when the key selector finds no key in its input. */
public enum MissingKeyPolicy {
  /** Throw {@link MissingKeyException}; nothing runs. The default. */
  FAIL,
  /**
   * Run the work without idempotency and report it through {@link
   * IdempotencyListener#onMissingKey()}: an explicit opt-out, for inputs that legitimately carry no
   * key.
   */
  RUN_WITHOUT_IDEMPOTENCY
}
