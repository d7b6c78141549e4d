package dev.once.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Records as the JSON Lambda delivers them, so key and validation expressions read the field names
 * of the AWS documentation ({@code messageId}, {@code body}, {@code kinesis.data}, {@code
 * dynamodb.Keys.id.S}). Payloads stay as delivered: an SQS body is a string ({@code
 * powertools_json(body).orderId}), Kinesis data is base64.
 */
public final class RecordViews {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordViews() {}

  /**
   * An SQS message, as the JSON Lambda delivers it: the tree {@code ONCE_KEY_PATH} is evaluated
   * over.
   *
   * @param m the message
   * @return a new tree with Lambda's field names
   */
  public static JsonNode sqs(SQSMessage m) {
    ObjectNode node = NODES.objectNode();
    node.put("messageId", m.getMessageId());
    node.put("receiptHandle", m.getReceiptHandle());
    node.put("body", m.getBody());
    node.put("md5OfBody", m.getMd5OfBody());
    node.put("eventSource", m.getEventSource());
    node.put("eventSourceARN", m.getEventSourceArn());
    node.put("awsRegion", m.getAwsRegion());
    ObjectNode attributes = node.putObject("attributes");
    if (m.getAttributes() != null) {
      m.getAttributes().forEach(attributes::put);
    }
    ObjectNode messageAttributes = node.putObject("messageAttributes");
    if (m.getMessageAttributes() != null) {
      m.getMessageAttributes().forEach((k, v) -> messageAttributes.set(k, attribute(v)));
    }
    return node;
  }

  private static JsonNode attribute(MessageAttribute a) {
    ObjectNode node = NODES.objectNode();
    node.put("dataType", a.getDataType());
    node.put("stringValue", a.getStringValue());
    if (a.getBinaryValue() != null) {
      node.put("binaryValue", base64(a.getBinaryValue()));
    }
    return node;
  }

  /**
   * A Kinesis record; {@code kinesis.data} is base64, as delivered.
   *
   * @param r the record
   * @return a new tree with Lambda's field names
   */
  public static JsonNode kinesis(KinesisEventRecord r) {
    ObjectNode node = NODES.objectNode();
    node.put("eventID", r.getEventID());
    node.put("eventName", r.getEventName());
    node.put("eventSource", r.getEventSource());
    node.put("eventSourceARN", r.getEventSourceARN());
    node.put("awsRegion", r.getAwsRegion());
    if (r.getKinesis() != null) {
      ObjectNode kinesis = node.putObject("kinesis");
      kinesis.put("partitionKey", r.getKinesis().getPartitionKey());
      kinesis.put("sequenceNumber", r.getKinesis().getSequenceNumber());
      if (r.getKinesis().getData() != null) {
        kinesis.put("data", base64(r.getKinesis().getData()));
      }
    }
    return node;
  }

  /**
   * A DynamoDB Streams record; images in DynamoDB JSON ({@code {"S": "..."}}).
   *
   * @param r the record
   * @return a new tree with Lambda's field names
   */
  public static JsonNode dynamodb(DynamodbStreamRecord r) {
    ObjectNode node = NODES.objectNode();
    node.put("eventID", r.getEventID());
    node.put("eventName", r.getEventName());
    node.put("eventSource", r.getEventSource());
    node.put("eventSourceARN", r.getEventSourceARN());
    node.put("awsRegion", r.getAwsRegion());
    StreamRecord s = r.getDynamodb();
    if (s != null) {
      ObjectNode dynamodb = node.putObject("dynamodb");
      putImage(dynamodb, "Keys", s.getKeys());
      putImage(dynamodb, "NewImage", s.getNewImage());
      putImage(dynamodb, "OldImage", s.getOldImage());
      dynamodb.put("SequenceNumber", s.getSequenceNumber());
      dynamodb.put("StreamViewType", s.getStreamViewType());
    }
    return node;
  }

  private static void putImage(ObjectNode parent, String name, Map<String, AttributeValue> image) {
    if (image != null) {
      parent.set(name, image(image));
    }
  }

  private static ObjectNode image(Map<String, AttributeValue> image) {
    ObjectNode node = NODES.objectNode();
    image.forEach((k, v) -> node.set(k, value(v)));
    return node;
  }

  private static JsonNode value(AttributeValue v) {
    ObjectNode node = NODES.objectNode();
    if (v.getS() != null) {
      node.put("S", v.getS());
    } else if (v.getN() != null) {
      node.put("N", v.getN());
    } else if (v.getBOOL() != null) {
      node.put("BOOL", v.getBOOL());
    } else if (Boolean.TRUE.equals(v.getNULL())) {
      node.put("NULL", true);
    } else if (v.getB() != null) {
      node.put("B", base64(v.getB()));
    } else if (v.getM() != null) {
      node.set("M", image(v.getM()));
    } else if (v.getL() != null) {
      ArrayNode list = node.putArray("L");
      v.getL().forEach(e -> list.add(value(e)));
    } else if (v.getSS() != null) {
      strings(node.putArray("SS"), v.getSS());
    } else if (v.getNS() != null) {
      strings(node.putArray("NS"), v.getNS());
    } else if (v.getBS() != null) {
      ArrayNode list = node.putArray("BS");
      v.getBS().forEach(b -> list.add(base64(b)));
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String base64(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
