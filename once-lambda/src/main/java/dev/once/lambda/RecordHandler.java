package dev.once.lambda;

/**
 * The work for one record of a batch. Throwing marks the record failed: it is reported in {@code
 * batchItemFailures} and its key released, so the source delivers it again.
 *
 * @param <R> the record type
 */
@FunctionalInterface
public interface RecordHandler<R> {

  /**
   * Processes one record, at most once per record key (a duplicate of a completed record is
   * skipped).
   *
   * @param record the record as Lambda delivers it in the batch
   * @throws Exception anything, to mark the record failed; it is logged without the record's
   *     content
   */
  void handle(R record) throws Exception;
}
