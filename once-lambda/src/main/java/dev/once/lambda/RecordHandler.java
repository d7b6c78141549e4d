package dev.once.lambda;

/**
 * The work for one record of a batch. Throwing marks the record failed: it is reported in {@code
 * batchItemFailures} and its key released, so the source delivers it again.
 *
 * @param <R> the record type
 */
@FunctionalInterface
public interface RecordHandler<R> {
  void handle(R record) throws Exception;
}
