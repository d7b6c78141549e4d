package dev.once.lambda;

/**
 * Hears what a batch did with records that did not succeed, for metrics and alarms (a skipped
 * poison record is gone from the source: a listener is where it can be kept). Methods are called on
 * the invocation's thread, one record at a time; an exception thrown by one is logged and ignored.
 * Every method has an empty default.
 */
public interface BatchListener {

  /**
   * A record failed and was reported in {@code batchItemFailures}, to be delivered again.
   *
   * @param itemIdentifier the message id or sequence number reported ({@code ""} when the record
   *     has none, which makes Lambda retry the whole batch)
   * @param cause the handler's own exception or Once's
   */
  default void onFailed(String itemIdentifier, Exception cause) {}

  /**
   * A poison record: it can never succeed (see {@link PoisonRecordPolicy}).
   *
   * @param itemIdentifier the message id or sequence number, {@code ""} when the record has none
   * @param cause why it can never succeed
   * @param policy what was done: reported, or skipped as processed
   */
  default void onPoisonRecord(String itemIdentifier, Exception cause, PoisonRecordPolicy policy) {}
}
