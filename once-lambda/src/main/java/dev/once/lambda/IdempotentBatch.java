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
import dev.once.Idempotency;
import dev.once.ResultType;
import dev.once.Work;
import dev.once.lambda.internal.RecordViews;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes SQS, Kinesis and DynamoDB Streams batches record by record, each record idempotent on
 * its own key, and returns the partial batch response Lambda expects ({@code batchItemFailures};
 * turn on {@code ReportBatchItemFailures} on the event source mapping).
 *
 * <p>Keys: {@code ONCE_KEY_PATH} evaluated over each record as Lambda delivers it (for example
 * {@code powertools_json(body).orderId} for an SQS body), else the SQS {@code messageId} or the
 * stream record's {@code eventID}.
 *
 * <p>Outcomes per record: processed now, or a duplicate of a completed record → success. Failed
 * (the handler threw), in progress elsewhere, or any Once error → reported in {@code
 * batchItemFailures}, so the source delivers it again. Ordered sources stop at the first failure
 * and report it and every record after it: SQS FIFO queues (an {@code eventSourceARN} ending in
 * {@code .fifo}), and Kinesis and DynamoDB Streams, whose checkpoint is the lowest reported
 * sequence number. A standard SQS queue goes on past failures.
 *
 * <p>An {@link Error} is not caught: it fails the whole invocation, and Lambda retries the batch.
 * See {@code dev.once.examples.payment.SqsOrderPaymentHandler} for a complete function.
 *
 * <p>Immutable and thread-safe.
 */
public final class IdempotentBatch {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotentBatch.class);
  private static final ResultType<String> MARKER = ResultType.of(String.class);
  private static final String DONE = "done";

  private final LambdaIdempotency once;

  private IdempotentBatch(LambdaIdempotency once) {
    this.once = once;
  }

  /** Batches processed with {@code once}'s store and settings. */
  public static IdempotentBatch of(LambdaIdempotency once) {
    return new IdempotentBatch(Objects.requireNonNull(once, "once"));
  }

  /** An SQS batch; failures are reported by {@code messageId}. */
  public SQSBatchResponse sqs(SQSEvent event, Context context, RecordHandler<SQSMessage> handler) {
    List<SQSMessage> records = records(event == null ? null : event.getRecords());
    boolean fifo =
        records.stream()
            .anyMatch(
                m -> m.getEventSourceArn() != null && m.getEventSourceArn().endsWith(".fifo"));
    List<String> failed =
        process(
            records,
            SQSMessage::getMessageId,
            RecordViews::sqs,
            "messageId",
            fifo,
            context,
            handler);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    failed.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
    return new SQSBatchResponse(failures);
  }

  /** A Kinesis batch; failures are reported by sequence number, from the first one on. */
  public StreamsEventResponse kinesis(
      KinesisEvent event, Context context, RecordHandler<KinesisEventRecord> handler) {
    List<String> failed =
        process(
            records(event == null ? null : event.getRecords()),
            r -> r.getKinesis().getSequenceNumber(),
            RecordViews::kinesis,
            "eventID",
            true,
            context,
            handler);
    return streamsResponse(failed);
  }

  /** A DynamoDB Streams batch; failures are reported by sequence number, from the first one on. */
  public StreamsEventResponse dynamoDbStreams(
      DynamodbEvent event, Context context, RecordHandler<DynamodbStreamRecord> handler) {
    List<String> failed =
        process(
            records(event == null ? null : event.getRecords()),
            r -> r.getDynamodb().getSequenceNumber(),
            RecordViews::dynamodb,
            "eventID",
            true,
            context,
            handler);
    return streamsResponse(failed);
  }

  private static StreamsEventResponse streamsResponse(List<String> failed) {
    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    failed.forEach(id -> failures.add(new StreamsEventResponse.BatchItemFailure(id)));
    return new StreamsEventResponse(failures);
  }

  private static <R> List<R> records(List<R> records) {
    return records == null ? List.of() : records;
  }

  /** Runs every record; returns the identifiers to report, in batch order. */
  private <R> List<String> process(
      List<R> records,
      Function<R, String> identifier,
      Function<R, JsonNode> view,
      String defaultKeyPath,
      boolean ordered,
      Context context,
      RecordHandler<R> handler) {
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      R record = records.get(i);
      if (!processOne(record, identifier, view, defaultKeyPath, context, handler)) {
        failed.add(identifier.apply(record));
        if (ordered) {
          for (int rest = i + 1; rest < records.size(); rest++) {
            failed.add(identifier.apply(records.get(rest)));
          }
          return failed;
        }
      }
    }
    return failed;
  }

  private <R> boolean processOne(
      R record,
      Function<R, String> identifier,
      Function<R, JsonNode> view,
      String defaultKeyPath,
      Context context,
      RecordHandler<R> handler) {
    try {
      if (once.isDisabled()) {
        handler.handle(record);
        return true;
      }
      Idempotency idempotency = once.idempotency(context, defaultKeyPath);
      Duration remaining = LambdaIdempotency.remainingTime(context);
      Work<String, Exception> work =
          () -> {
            handler.handle(record);
            return DONE;
          };
      JsonNode input = view.apply(record);
      if (remaining == null) {
        idempotency.call(input, MARKER, work);
      } else {
        idempotency.call(input, MARKER, remaining, work);
      }
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Reported for redelivery; the record's content stays off the log.
      LOG.warn("record {} failed and is reported for redelivery", identifier.apply(record), e);
      return false;
    }
  }
}
