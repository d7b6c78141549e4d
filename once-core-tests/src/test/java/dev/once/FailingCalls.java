package dev.once;

import static org.assertj.core.api.Assertions.catchThrowable;

/** Calls whose work throws, for the engine tests of what a failure leaves behind. */
final class FailingCalls {

  private FailingCalls() {}

  /**
   * Calls {@code idempotency} on key {@code input} with work that throws {@code failure}.
   *
   * @return what the call threw: {@code failure} itself when the engine passes it on
   */
  static Throwable thrownBy(Idempotency idempotency, Object input, RuntimeException failure) {
    return catchThrowable(
        () ->
            idempotency.call(
                input,
                String.class,
                () -> {
                  throw failure;
                }));
  }
}
