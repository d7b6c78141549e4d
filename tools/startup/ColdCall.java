import dev.once.dynamodb.DynamoDbStore;
import dev.once.lambda.LambdaConfig;
import dev.once.lambda.LambdaIdempotency;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.auth.credentials.*;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * Start-up measurements (see README.md here): args mode endpoint [keyPath]. Modes: setup and ledger
 * (create the tables), once and raw (one first idempotent call, then exit), primed and unprimed
 * (the first call and its duplicate after building, with or without SnapStart priming).
 */
public final class ColdCall {
  public record Order(String orderId, long amountCents) {}
  public record Receipt(String orderId, String chargeId) {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    String mode = args[0];
    URI endpoint = URI.create(args[1]);
    DynamoDbClient client = DynamoDbStore.defaultClientBuilder()
        .endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
        .build();
    String id = "o-" + UUID.randomUUID();
    if (mode.equals("ledger")) {
      client.createTable(CreateTableRequest.builder().tableName("ledger")
          .attributeDefinitions(AttributeDefinition.builder().attributeName("chargeId").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("chargeId").keyType(KeyType.HASH).build())
          .billingMode(BillingMode.PAY_PER_REQUEST).build());
      return;
    }
    if (mode.equals("setup")) {
      DynamoDbStore.builder().client(client).tableName("idempotency").build().createTable();
      return;
    }
    Object result;
    if (mode.equals("primed") || mode.equals("unprimed")) {
      LambdaIdempotency once = LambdaIdempotency.builder()
          .config(LambdaConfig.builder().keyPath("orderId").functionName("order-payment").build())
          .store(DynamoDbStore.builder().client(client).tableName("idempotency").build())
          .operation("pay").build();
      var handler = once.wrap(Receipt.class, (Order o, com.amazonaws.services.lambda.runtime.Context c) -> new Receipt(o.orderId(), "ch-" + o.orderId()));
      if (mode.equals("primed")) {
        once.primeForSnapStart();
      }
      long s0 = System.nanoTime();
      handler.handleRequest(new Order(id, 1999), null);
      long s1 = System.nanoTime();
      handler.handleRequest(new Order(id, 1999), null);
      long s2 = System.nanoTime();
      System.out.println(mode + " first-call-ms " + (s1 - s0) / 1e6 + " duplicate-ms " + (s2 - s1) / 1e6);
      return;
    }
    if (mode.equals("once")) {
      LambdaIdempotency once = LambdaIdempotency.builder()
          .config(LambdaConfig.builder().keyPath(args.length > 2 ? args[2] : "orderId").build())
          .store(DynamoDbStore.builder().client(client).tableName("idempotency").build())
          .operation("pay").build();
      var handler = once.wrap(Receipt.class, (Order o, com.amazonaws.services.lambda.runtime.Context c) -> new Receipt(o.orderId(), "ch-" + o.orderId()));
      result = handler.handleRequest(new Order(id, 1999), null);
    } else {
      result = raw(client, id);
    }
    long t1 = System.nanoTime();
    System.out.println(mode + " first-call-ms-in-main " + (t1 - t0) / 1e6 + " " + (result != null));
  }

  static Object raw(DynamoDbClient client, String id) {
    long now = System.currentTimeMillis();
    String key = "order-payment.pay#" + id;
    String lease = UUID.randomUUID().toString();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(key));
    item.put("status", AttributeValue.fromS("INPROGRESS"));
    item.put("expiration", AttributeValue.fromN(Long.toString(now / 1000 + 3600)));
    item.put("in_progress_expiration", AttributeValue.fromN(Long.toString(now + 900_000)));
    item.put("lease", AttributeValue.fromS(lease));
    client.putItem(PutItemRequest.builder().tableName("idempotency").item(item)
        .conditionExpression("attribute_not_exists(#id) OR #exp < :now")
        .expressionAttributeNames(Map.of("#id", "id", "#exp", "expiration"))
        .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now / 1000))))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
    String data;
    try {
      data = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new Receipt(id, "ch-" + id));
    } catch (Exception e) { throw new RuntimeException(e); }
    client.updateItem(UpdateItemRequest.builder().tableName("idempotency").key(Map.of("id", AttributeValue.fromS(key)))
        .updateExpression("SET #s = :c, #d = :d")
        .conditionExpression("#l = :l")
        .expressionAttributeNames(Map.of("#s", "status", "#d", "data", "#l", "lease"))
        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("COMPLETED"), ":d", AttributeValue.fromS(data), ":l", AttributeValue.fromS(lease)))
        .build());
    return data;
  }
}
