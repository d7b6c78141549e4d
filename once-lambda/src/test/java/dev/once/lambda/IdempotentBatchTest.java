package dev.once.lambda;

import static dev.once.lambda.BatchEvents.failures;
import static dev.once.lambda.BatchEvents.kinesis;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.once.InMemoryStore;
import dev.once.ResultType;
import dev.once.lambda.internal.RecordViews;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotentBatchTest {

  private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders";
  private static final String FIFO_QUEUE = QUEUE + ".fifo";

  private final InMemoryStore store = new InMemoryStore();
  private final Context context = LocalContext.of("consume", Duration.ofMillis(30_000));
  private final List<String> handled = new ArrayList<>();

  private LambdaIdempotency once(Map<String, String> env) {
    return LambdaIdempotency.builder()
        .config(LambdaConfig.fromEnvironment(env))
        .store(store)
        .build();
  }

  /** Handles a message: bodies starting with "fail" throw. */
  private void handle(SQSMessage message) {
    handled.add(message.getMessageId());
    if (message.getBody().startsWith("fail")) {
      throw new IllegalStateException("cannot handle " + message.getMessageId());
    }
  }

  @Test
  void completedDuplicatesAcrossBatchesCountAsSuccessAndRunNothing() {
    IdempotentBatch batch = once(Map.of()).batch();

    SQSBatchResponse first =
        batch.sqs(sqs(QUEUE, msg("m1", "a"), msg("m2", "b")), context, this::handle);
    SQSBatchResponse redelivered =
        batch.sqs(sqs(QUEUE, msg("m2", "b"), msg("m3", "c")), context, this::handle);

    assertThat(failures(first)).isEmpty();
    assertThat(failures(redelivered)).isEmpty();
    assertThat(handled).containsExactly("m1", "m2", "m3");
  }

  @Test
  void aKeyPathOverTheBodyCatchesDuplicatesInsideOneBatch() {
    IdempotentBatch batch = once(Map.of("ONCE_KEY_PATH", "powertools_json(body).orderId")).batch();

    SQSBatchResponse response =
        batch.sqs(
            sqs(
                QUEUE,
                msg("m1", "{\"orderId\":\"o-1\"}"),
                msg("m2", "{\"orderId\":\"o-2\"}"),
                msg("m3", "{\"orderId\":\"o-1\",\"resent\":true}")),
            context,
            this::handle);

    assertThat(failures(response)).isEmpty();
    assertThat(handled).containsExactly("m1", "m2");
  }

  @Test
  void aStandardQueueReportsFailuresAndGoesOn() {
    IdempotentBatch batch = once(Map.of()).batch();

    SQSBatchResponse response =
        batch.sqs(
            sqs(QUEUE, msg("m1", "a"), msg("m2", "fail"), msg("m3", "c"), msg("m4", "fail")),
            context,
            this::handle);

    assertThat(failures(response)).containsExactly("m2", "m4");
    assertThat(handled).containsExactly("m1", "m2", "m3", "m4");
  }

  @Test
  void aFailedRecordIsReleasedSoItsRedeliveryRunsAgain() {
    IdempotentBatch batch = once(Map.of()).batch();
    batch.sqs(sqs(QUEUE, msg("m1", "fail")), context, this::handle);

    SQSBatchResponse retry = batch.sqs(sqs(QUEUE, msg("m1", "fixed")), context, this::handle);

    assertThat(failures(retry)).isEmpty();
    assertThat(handled).containsExactly("m1", "m1");
  }

  @Test
  void aFifoQueueStopsAtTheFirstFailureAndReportsTheRest() {
    IdempotentBatch batch = once(Map.of()).batch();

    SQSBatchResponse response =
        batch.sqs(
            sqs(FIFO_QUEUE, msg("m1", "a"), msg("m2", "fail"), msg("m3", "c"), msg("m4", "d")),
            context,
            this::handle);

    assertThat(failures(response)).containsExactly("m2", "m3", "m4");
    assertThat(handled).containsExactly("m1", "m2");
  }

  @Test
  void aRecordInProgressElsewhereIsReportedNotSkipped() {
    LambdaIdempotency once = once(Map.of());
    IdempotentBatch batch = once.batch();
    SQSMessage busy = msg("m2", "b");
    List<String> reported = new ArrayList<>();

    // Another execution holds m2 while this batch runs: hold it around the batch.
    once.idempotency(context, Variant.SQS)
        .call(
            RecordViews.sqs(busy),
            ResultType.of(String.class),
            Duration.ofSeconds(30),
            () -> {
              reported.addAll(
                  failures(
                      batch.sqs(
                          sqs(QUEUE, msg("m1", "a"), busy, msg("m3", "c")),
                          context,
                          this::handle)));
              return "held";
            });

    assertThat(reported).containsExactly("m2");
    assertThat(handled).containsExactly("m1", "m3");
  }

  @Test
  void mixedOutcomesInAFifoBatch() {
    LambdaIdempotency once = once(Map.of());
    IdempotentBatch batch = once.batch();
    batch.sqs(sqs(FIFO_QUEUE, msg("m1", "a")), context, this::handle);
    handled.clear();
    SQSMessage busy = msg("m3", "c");
    List<String> reported = new ArrayList<>();

    once.idempotency(context, Variant.SQS)
        .call(
            RecordViews.sqs(busy),
            ResultType.of(String.class),
            Duration.ofSeconds(30),
            () -> {
              reported.addAll(
                  failures(
                      batch.sqs(
                          sqs(FIFO_QUEUE, msg("m1", "a"), msg("m2", "b"), busy, msg("m4", "d")),
                          context,
                          this::handle)));
              return "held";
            });

    // m1: a completed duplicate (success); m2 runs; m3 in progress stops the batch.
    assertThat(reported).containsExactly("m3", "m4");
    assertThat(handled).containsExactly("m2");
  }

  @Test
  void kinesisStopsAtTheFirstFailureAndReportsSequenceNumbers() {
    IdempotentBatch batch = once(Map.of()).batch();
    List<String> seen = new ArrayList<>();

    StreamsEventResponse response =
        batch.kinesis(
            kinesis(
                kinesisRecord("e1", "100", "ok"),
                kinesisRecord("e2", "101", "fail"),
                kinesisRecord("e3", "102", "ok")),
            context,
            r -> {
              seen.add(r.getEventID());
              if (new String(r.getKinesis().getData().array(), StandardCharsets.UTF_8)
                  .equals("fail")) {
                throw new IllegalStateException("bad record");
              }
            });
    StreamsEventResponse retried =
        batch.kinesis(
            kinesis(kinesisRecord("e1", "100", "ok"), kinesisRecord("e2", "101", "ok")),
            context,
            r -> seen.add(r.getEventID()));

    assertThat(failures(response)).containsExactly("101", "102");
    assertThat(failures(retried)).isEmpty();
    assertThat(seen).containsExactly("e1", "e2", "e2");
  }

  @Test
  void kinesisKeyPathReadsTheDecodedData() {
    IdempotentBatch batch =
        once(Map.of("ONCE_KEY_PATH", "powertools_json(powertools_base64(kinesis.data)).id"))
            .batch();
    List<String> seen = new ArrayList<>();

    batch.kinesis(
        kinesis(
            kinesisRecord("e1", "100", "{\"id\":\"x\"}"),
            kinesisRecord("e2", "101", "{\"id\":\"x\",\"again\":1}")),
        context,
        r -> seen.add(r.getEventID()));

    assertThat(seen).containsExactly("e1");
  }

  @Test
  void dynamoDbStreamsKeysOnEventIdOrAKeyPathOverTheImages() {
    List<String> seen = new ArrayList<>();
    IdempotentBatch byEvent = once(Map.of()).batch();
    IdempotentBatch byItem =
        once(Map.of("ONCE_KEY_PATH", "dynamodb.Keys.pk.S"))
            .newBuilder()
            .operation("items")
            .build()
            .batch();
    DynamodbEvent event =
        dynamodb(ddbRecord("e1", "200", "order#1"), ddbRecord("e2", "201", "order#1"));

    StreamsEventResponse first =
        byEvent.dynamoDbStreams(event, context, r -> seen.add(r.getEventID()));
    byItem.dynamoDbStreams(event, context, r -> seen.add("item " + r.getEventID()));
    StreamsEventResponse failing =
        once(Map.of())
            .newBuilder()
            .operation("other")
            .build()
            .batch()
            .dynamoDbStreams(
                event,
                context,
                r -> {
                  throw new IllegalStateException("down");
                });

    assertThat(failures(first)).isEmpty();
    assertThat(seen).containsExactly("e1", "e2", "item e1");
    assertThat(failures(failing)).containsExactly("200", "201");
  }

  @Test
  void anEmptyBatchIsASuccess() {
    SQSEvent empty = new SQSEvent();
    assertThat(failures(once(Map.of()).batch().sqs(empty, context, this::handle))).isEmpty();
  }

  // --- events ---

  private static SQSMessage msg(String id, String body) {
    SQSMessage m = new SQSMessage();
    m.setMessageId(id);
    m.setBody(body);
    return m;
  }

  private static SQSEvent sqs(String arn, SQSMessage... messages) {
    Arrays.stream(messages).forEach(m -> m.setEventSourceArn(arn));
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(messages));
    return event;
  }

  private static KinesisEventRecord kinesisRecord(String eventId, String sequence, String data) {
    return BatchEvents.kinesisRecord(eventId, sequence, "p", data);
  }

  private static DynamodbStreamRecord ddbRecord(String eventId, String sequence, String pk) {
    StreamRecord s = new StreamRecord();
    s.setSequenceNumber(sequence);
    s.setKeys(Map.of("pk", new AttributeValue().withS(pk)));
    s.setNewImage(
        Map.of("pk", new AttributeValue().withS(pk), "n", new AttributeValue().withN("1")));
    DynamodbStreamRecord r = new DynamodbStreamRecord();
    r.setEventID(eventId);
    r.setEventName("MODIFY");
    r.setDynamodb(s);
    return r;
  }

  private static DynamodbEvent dynamodb(DynamodbStreamRecord... records) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(List.of(records));
    return event;
  }
}
