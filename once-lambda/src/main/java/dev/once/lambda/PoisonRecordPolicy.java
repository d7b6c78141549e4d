package dev.once.lambda;

/**
 * What a batch does with a poison record: one that can never succeed however often it comes back —
 * no key in it ({@link dev.once.MissingKeyException}), a key expression that fails on it ({@link
 * dev.once.KeyExtractionException}), its key reused with another payload, a stored permanent
 * failure, or a record that lacks a part every record of its source has ({@link
 * EventFormatException}, for example a Kinesis record without {@code kinesis}).
 */
public enum PoisonRecordPolicy {
  /**
   * Report it in {@code batchItemFailures} like any failure, so the source delivers it again until
   * its own limit moves it aside: SQS's {@code maxReceiveCount} to the dead-letter queue. The
   * default for SQS. On an ordered source it holds back every record after it.
   */
  REPORT,
  /**
   * Count it as processed, so the batch goes on, and tell the {@link BatchListener} and the log
   * what was skipped. The default for Kinesis and DynamoDB Streams, where one reported record
   * blocks its shard until the stream's retry limit or the record's expiry.
   */
  SKIP
}
