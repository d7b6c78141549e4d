package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Batch events and responses for the batch tests. */
final class BatchEvents {

  private BatchEvents() {}

  static KinesisEventRecord kinesisRecord(
      String eventId, String sequence, String partitionKey, String data) {
    KinesisEvent.Record kinesis = new KinesisEvent.Record();
    kinesis.setSequenceNumber(sequence);
    kinesis.setPartitionKey(partitionKey);
    kinesis.setData(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));
    KinesisEventRecord r = new KinesisEventRecord();
    r.setEventID(eventId);
    r.setKinesis(kinesis);
    return r;
  }

  static KinesisEvent kinesis(KinesisEventRecord... records) {
    KinesisEvent event = new KinesisEvent();
    event.setRecords(List.of(records));
    return event;
  }

  static List<String> failures(SQSBatchResponse response) {
    return response.getBatchItemFailures().stream()
        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .toList();
  }

  static List<String> failures(StreamsEventResponse response) {
    return response.getBatchItemFailures().stream()
        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .toList();
  }
}
