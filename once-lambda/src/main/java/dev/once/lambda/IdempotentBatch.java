package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.once.IdempotencyException;
import dev.once.ResultType;
import dev.once.lambda.internal.RecordViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Processes SQS, Kinesis and DynamoDB Streams batches record by record, each record idempotent on
 * its own key, and returns the partial batch response Lambda expects ({@code batchItemFailures};
 * turn on {@code ReportBatchItemFailures} on the event source mapping). Made by {@link
 * LambdaIdempotency#batch()}.
 *
 * <p>Keys: {@code ONCE_KEY_PATH} evaluated over each record as Lambda delivers it (for example
 * {@code powertools_json(body).orderId} for an SQS body), else the SQS {@code messageId} or the
 * stream record's {@code eventID}.
 *
 * <p>Outcomes per record: processed now, or a duplicate of a completed record → success. Failed
 * (the handler threw), in progress elsewhere, a lease lost or too short, or the store unreachable →
 * reported in {@code batchItemFailures}, so the source delivers it again. A poison record, which
 * can never succeed, follows the {@link PoisonRecordPolicy}: reported (the default for SQS, whose
 * dead-letter queue takes it) or skipped (the default for streams, where it would block its shard).
 * Ordered sources stop at the first reported record and report it and every record after it: SQS
 * FIFO queues (an {@code eventSourceARN} ending in {@code .fifo}), and Kinesis and DynamoDB
 * Streams, whose checkpoint is the lowest reported sequence number. A standard SQS queue goes on.
 * Every failure is logged (through SLF4J, or on standard error when no provider is bound) with the
 * record's identifier and the cause, never the record's content.
 *
 * <p>An {@link Error} is not caught: it fails the whole invocation, and Lambda retries the batch.
 * See {@code dev.once.examples.payment.SqsOrderPaymentHandler} for a complete function.
 *
 * <p>Immutable and thread-safe.
 */
public final class IdempotentBatch {

  private static final ResultType<String> MARKER = ResultType.of(String.class);
  private static final String DONE = "done";

  private final LambdaIdempotency once;
  private final BatchPolicy policy;

  IdempotentBatch(LambdaIdempotency once, BatchPolicy policy) {
    this.once = once;
    this.policy = policy;
  }

  /**
   * This batch with {@code policy} for poison records of every source.
   *
   * @param policy whether poison records are reported or skipped, for SQS and streams alike
   * @return a new batch; this one is unchanged
   * @throws NullPointerException if {@code policy} is null
   */
  public IdempotentBatch poisonRecords(PoisonRecordPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return new IdempotentBatch(once, new BatchPolicy(policy, policy, this.policy.listener()));
  }

  /**
   * This batch telling {@code listener} about failed and poison records.
   *
   * @param listener hears every record that is reported or skipped; its exceptions are logged and
   *     ignored
   * @return a new batch; this one is unchanged
   * @throws NullPointerException if {@code listener} is null
   */
  public IdempotentBatch listener(BatchListener listener) {
    Objects.requireNonNull(listener, "listener");
    return new IdempotentBatch(
        once,
        new BatchPolicy(
            policy.sqs(), policy.streams(), new SafeBatchListener(listener, once.diagnostics())));
  }

  /**
   * An SQS batch; failures are reported by {@code messageId}.
   *
   * @param event the batch as Lambda delivers it; a null event or record list is an empty batch
   * @param context the invocation's context, whose remaining time bounds each record's lease
   * @param handler processes one record; runs at most once per record key
   * @return the partial batch response: the records to deliver again
   */
  public SQSBatchResponse sqs(SQSEvent event, Context context, RecordHandler<SQSMessage> handler) {
    List<SQSMessage> records = records(event == null ? null : event.getRecords());
    boolean fifo =
        records.stream()
            .anyMatch(
                m ->
                    m != null
                        && m.getEventSourceArn() != null
                        && m.getEventSourceArn().endsWith(".fifo"));
    Source<SQSMessage> source =
        new Source<>(
            m -> m.getMessageId(), RecordViews::sqs, Variant.SQS, fifo, policy.sqs(), "SQS");
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    process(records, source, context, handler)
        .forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
    return new SQSBatchResponse(failures);
  }

  /**
   * A Kinesis batch; failures are reported by sequence number, from the first one on.
   *
   * @param event the batch as Lambda delivers it; a null event or record list is an empty batch
   * @param context the invocation's context, whose remaining time bounds each record's lease
   * @param handler processes one record; runs at most once per record key
   * @return the partial batch response: the records to deliver again
   */
  public StreamsEventResponse kinesis(
      KinesisEvent event, Context context, RecordHandler<KinesisEventRecord> handler) {
    Source<KinesisEventRecord> source =
        new Source<>(
            r -> r.getKinesis() == null ? null : r.getKinesis().getSequenceNumber(),
            RecordViews::kinesis,
            Variant.STREAM,
            true,
            policy.streams(),
            "kinesis");
    return streamsResponse(
        process(records(event == null ? null : event.getRecords()), source, context, handler));
  }

  /**
   * A DynamoDB Streams batch; failures are reported by sequence number, from the first one on.
   *
   * @param event the batch as Lambda delivers it; a null event or record list is an empty batch
   * @param context the invocation's context, whose remaining time bounds each record's lease
   * @param handler processes one record; runs at most once per record key
   * @return the partial batch response: the records to deliver again
   */
  public StreamsEventResponse dynamoDbStreams(
      DynamodbEvent event, Context context, RecordHandler<DynamodbStreamRecord> handler) {
    Source<DynamodbStreamRecord> source =
        new Source<>(
            r -> r.getDynamodb() == null ? null : r.getDynamodb().getSequenceNumber(),
            RecordViews::dynamodb,
            Variant.STREAM,
            true,
            policy.streams(),
            "dynamodb");
    return streamsResponse(
        process(records(event == null ? null : event.getRecords()), source, context, handler));
  }

  private static StreamsEventResponse streamsResponse(List<String> failed) {
    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    failed.forEach(id -> failures.add(new StreamsEventResponse.BatchItemFailure(id)));
    return new StreamsEventResponse(failures);
  }

  private static <R> List<R> records(List<R> records) {
    return records == null ? List.of() : records;
  }

  /**
   * How one source's records are read and reported.
   *
   * @param identifier the identifier to report, {@code null} when the record lacks it
   * @param part the part every record of the source has, named in the error when missing
   */
  private record Source<R>(
      Function<R, String> identifier,
      Function<R, JsonNode> view,
      Variant variant,
      boolean ordered,
      PoisonRecordPolicy poison,
      String part) {}

  /** Runs every record; returns the identifiers to report, in batch order. */
  private <R> List<String> process(
      List<R> records, Source<R> source, Context context, RecordHandler<R> handler) {
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      R record = records.get(i);
      if (!processOne(record, source, context, handler)) {
        failed.add(identifier(record, source));
        if (source.ordered()) {
          for (int rest = i + 1; rest < records.size(); rest++) {
            failed.add(identifier(records.get(rest), source));
          }
          return failed;
        }
      }
    }
    return failed;
  }

  /** True when the record counts as processed: done, a replay, or a skipped poison record. */
  private <R> boolean processOne(
      R record, Source<R> source, Context context, RecordHandler<R> handler) {
    String id = identifier(record, source);
    try {
      checkWellFormed(record, source);
      if (once.disabled()) {
        handler.handle(record);
        return true;
      }
      once.idempotency(context, source.variant())
          .call(
              source.view().apply(record),
              MARKER,
              LambdaIdempotency.remainingTime(context),
              () -> {
                handler.handle(record);
                return DONE;
              });
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return isPoison(e) ? poison(id, e, source.poison()) : failed(id, e);
    }
  }

  private boolean failed(String id, Exception e) {
    once.diagnostics().warn("record " + describe(id) + " failed and is reported for redelivery", e);
    policy.listener().onFailed(id, e);
    return false;
  }

  private boolean poison(String id, Exception e, PoisonRecordPolicy poison) {
    boolean skip = poison == PoisonRecordPolicy.SKIP;
    once.diagnostics()
        .warn(
            "record "
                + describe(id)
                + " can never succeed and is "
                + (skip ? "skipped (PoisonRecordPolicy.SKIP)" : "reported for redelivery"),
            e);
    policy.listener().onPoisonRecord(id, e, poison);
    return skip;
  }

  /**
   * True for a record that fails the same way however often it comes back: a non-retryable error of
   * Once's raised before the handler could succeed (a malformed record, an {@link
   * EventFormatException}; no key, a failing key expression, a key reused with another payload, a
   * stored permanent failure).
   */
  static boolean isPoison(Exception e) {
    return e instanceof IdempotencyException once && !once.isRetryable();
  }

  private static <R> void checkWellFormed(R record, Source<R> source) {
    if (record == null) {
      throw new EventFormatException("the batch holds a null record", null);
    }
    if (source.identifier().apply(record) == null) {
      throw new EventFormatException(
          "the record has no "
              + (source.variant() == Variant.SQS ? "messageId" : source.part() + ".sequenceNumber")
              + ": it cannot be processed or reported",
          null);
    }
  }

  private static <R> String identifier(R record, Source<R> source) {
    String id = record == null ? null : source.identifier().apply(record);
    return id == null ? "" : id;
  }

  private static String describe(String id) {
    return id.isEmpty() ? "(without an identifier)" : id;
  }

  /** The policy of a batch: poison records per source, and who hears about failures. */
  record BatchPolicy(PoisonRecordPolicy sqs, PoisonRecordPolicy streams, BatchListener listener) {
    static BatchPolicy defaults() {
      return new BatchPolicy(
          PoisonRecordPolicy.REPORT, PoisonRecordPolicy.SKIP, new BatchListener() {});
    }
  }
}
