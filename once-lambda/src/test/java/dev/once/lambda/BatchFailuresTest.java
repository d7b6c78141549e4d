package dev.once.lambda;

import static dev.once.lambda.BatchEvents.failures;
import static dev.once.lambda.BatchEvents.kinesis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.once.Idempotency;
import dev.once.InMemoryStore;
import dev.once.LeaseLostException;
import dev.once.LeaseTooShortException;
import dev.once.MissingKeyException;
import dev.once.spi.Completion;
import dev.once.spi.WriteOutcome;
import dev.once.testkit.ForwardingStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Poison records, leases lost or too short, misconfiguration and what is logged, in batches. */
class BatchFailuresTest {

  private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders";

  private final InMemoryStore store = new InMemoryStore();
  private final LocalContext context = LocalContext.of("consume", Duration.ofMillis(30_000));
  private final List<String> handled = new ArrayList<>();
  private final List<String> heard = new ArrayList<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private final BatchListener listener =
      new BatchListener() {
        @Override
        public void onFailed(String itemIdentifier, Exception cause) {
          heard.add("failed " + itemIdentifier + " " + cause.getClass().getSimpleName());
        }

        @Override
        public void onPoisonRecord(
            String itemIdentifier, Exception cause, PoisonRecordPolicy policy) {
          heard.add(policy + " " + itemIdentifier + " " + cause.getClass().getSimpleName());
        }
      };

  /** Without an SLF4J provider: what is written goes to {@link #err}. */
  private LambdaIdempotency.Builder once(Map<String, String> env) {
    return LambdaIdempotency.builder()
        .config(LambdaConfig.fromEnvironment(env))
        .store(store)
        .diagnostics(
            new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8), () -> false));
  }

  @Test
  void onSqsARecordWithoutItsKeyIsReportedByDefaultForTheDeadLetterQueue() {
    IdempotentBatch batch =
        once(Map.of("ONCE_KEY_PATH", "powertools_json(body).orderId")).build().batch();

    SQSBatchResponse response =
        batch
            .listener(listener)
            .sqs(
                sqs(msg("m1", "{\"orderId\":\"o-1\"}"), msg("m2", "{\"other\":1}")),
                context,
                m -> handled.add(m.getMessageId()));

    assertThat(failures(response)).containsExactly("m2");
    assertThat(handled).containsExactly("m1");
    assertThat(heard).containsExactly("REPORT m2 MissingKeyException");
  }

  @Test
  void skippedPoisonRecordsCountAsProcessedAndTheListenerHearsThem() {
    IdempotentBatch batch =
        once(Map.of("ONCE_KEY_PATH", "powertools_json(body).orderId"))
            .build()
            .batch()
            .poisonRecords(PoisonRecordPolicy.SKIP)
            .listener(listener);

    SQSBatchResponse response =
        batch.sqs(
            sqs(msg("m1", "not json"), msg("m2", "{\"orderId\":\"o-2\"}")),
            context,
            m -> handled.add(m.getMessageId()));

    assertThat(failures(response)).isEmpty();
    assertThat(handled).containsExactly("m2");
    assertThat(heard).containsExactly("SKIP m1 KeyExtractionException");
  }

  @Test
  void onAStreamAMalformedRecordIsSkippedByDefaultSoItDoesNotBlockTheShard() {
    KinesisEventRecord noData = new KinesisEventRecord();
    noData.setEventID("e2");

    StreamsEventResponse response =
        once(Map.of())
            .build()
            .batch()
            .listener(listener)
            .kinesis(
                kinesis(record("e1", "100"), noData, record("e3", "102")),
                context,
                r -> handled.add(r.getEventID()));

    assertThat(failures(response)).isEmpty();
    assertThat(handled).containsExactly("e1", "e3");
    assertThat(heard).containsExactly("SKIP  EventFormatException");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("record (without an identifier) can never succeed and is skipped")
        .contains("kinesis.sequenceNumber");
  }

  @Test
  void reportedOnAStreamAPoisonRecordStopsTheBatchAtItsSequenceNumber() {
    StreamsEventResponse response =
        once(Map.of("ONCE_KEY_PATH", "kinesis.partitionKey"))
            .build()
            .batch()
            .poisonRecords(PoisonRecordPolicy.REPORT)
            .kinesis(
                kinesis(record("e1", "100"), record("e2", "101", null), record("e3", "102")),
                context,
                r -> handled.add(r.getEventID()));

    assertThat(failures(response)).containsExactly("101", "102");
    assertThat(handled).containsExactly("e1");
  }

  @Test
  void aLeaseLostOrTooShortIsReportedForRedeliveryNotTreatedAsPoison() {
    ForwardingStore losing =
        new ForwardingStore(store) {
          @Override
          public WriteOutcome complete(Completion completion) {
            return WriteOutcome.LEASE_LOST;
          }
        };
    IdempotentBatch lost =
        LambdaIdempotency.builder().store(losing).build().batch().listener(listener);
    IdempotentBatch tooShort = once(Map.of()).build().batch().listener(listener);

    SQSBatchResponse afterLoss = lost.sqs(sqs(msg("m1", "a")), context, m -> {});
    SQSBatchResponse short_ =
        tooShort.sqs(
            sqs(msg("m2", "b")), LocalContext.of("consume", Duration.ofMillis(50)), m -> {});

    assertThat(failures(afterLoss)).containsExactly("m1");
    assertThat(failures(short_)).containsExactly("m2");
    assertThat(heard)
        .containsExactly(
            "failed m1 " + LeaseLostException.class.getSimpleName(),
            "failed m2 " + LeaseTooShortException.class.getSimpleName());
  }

  @Test
  void withoutALoggingProviderFailureCausesGoToStandardError() {
    once(Map.of())
        .build()
        .batch()
        .sqs(
            sqs(msg("m9", "a")),
            context,
            m -> {
              throw new IllegalStateException("card declined", new RuntimeException("gateway"));
            });

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("WARN dev.once.lambda - record m9 failed and is reported for redelivery")
        .contains("java.lang.IllegalStateException: card declined")
        .contains("caused by java.lang.RuntimeException: gateway");
  }

  @Test
  void aCustomizerThatConflictsWithTheBatchKeyFailsWhenTheBatchIsMadeNotPerRecord() {
    LambdaIdempotency once = once(Map.of()).customize(b -> b.keyFunction(r -> "k")).build();

    assertThatThrownBy(once::batch)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SQS batch")
        .hasMessageContaining("keyFunction conflicts with keyPath \"messageId\"");
  }

  @Test
  void aCustomizerThatConflictsWithTheKeyPathFailsTheBuild() {
    assertThatThrownBy(
            () ->
                once(Map.of("ONCE_KEY_PATH", "orderId"))
                    .customize(b -> b.keyFunction(e -> "k"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plain handler");
    assertThatThrownBy(() -> once(Map.of()).customize(b -> b.maxResultBytes(-1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxResultBytes");
  }

  @Test
  void aMissingKeyIsPoisonButAStoreErrorIsNot() {
    MissingKeyException missingKey =
        catchThrowableOfType(
            () ->
                Idempotency.builder(new InMemoryStore()).keyPath("orderId").build().keyOf(Map.of()),
            MissingKeyException.class);
    assertThat(IdempotentBatch.isPoison(missingKey)).isTrue();
    assertThat(IdempotentBatch.isPoison(new EventFormatException("no part", null))).isTrue();
    assertThat(IdempotentBatch.isPoison(new IllegalStateException("handler"))).isFalse();
  }

  // --- events ---

  private static SQSMessage msg(String id, String body) {
    SQSMessage m = new SQSMessage();
    m.setMessageId(id);
    m.setBody(body);
    m.setEventSourceArn(QUEUE);
    return m;
  }

  private static SQSEvent sqs(SQSMessage... messages) {
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(messages));
    return event;
  }

  private static KinesisEventRecord record(String eventId, String sequence) {
    return record(eventId, sequence, "p");
  }

  private static KinesisEventRecord record(String eventId, String sequence, String partitionKey) {
    return BatchEvents.kinesisRecord(eventId, sequence, partitionKey, eventId);
  }
}
