package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import dev.once.Idempotency;
import dev.once.KeyFormat;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events whose key is an object (the whole event, an API Gateway request, an object field of a
 * record) share records with Powertools for AWS Lambda (Java) both ways: Once writes the key and
 * data Powertools computes ({@link PowertoolsReference}), and replays an item written under that
 * key as Powertools writes it.
 */
@ExtendWith(DynaliteExtension.class)
class PowertoolsEventKeysTest {

  private static final String PREFIX = "orders-function.handleRequest";

  private final DynamoDbClient client;
  private final DynamoDbStore store;
  private final AtomicInteger runs = new AtomicInteger();

  public record Customer(String name, String id, String email) {}

  public record Order(String orderId, Customer customer, Integer quantity) {}

  public record Receipt(String orderId, long amount, String coupon) {}

  PowertoolsEventKeysTest(DynaliteServer dynalite) {
    client = dynalite.client();
    store =
        Tables.created(
            DynamoDbStore.builder()
                .client(client)
                .tableName(Tables.freshName("powertools-events"))
                .powertoolsCompatible());
  }

  private Idempotency.Builder powertools() {
    return Idempotency.builder(store).keyFormat(KeyFormat.POWERTOOLS).keyPrefix(PREFIX);
  }

  private static APIGatewayProxyRequestEvent request(String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", "k-1");
    headers.put("Content-Type", "application/json");
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withPath("/orders")
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(new ProxyRequestContext().withRequestId("req-1").withStage("prod"));
  }

  @Test
  void aWholeApiGatewayRequestIsKeyedAndStoredAsPowertoolsDoes() throws Exception {
    APIGatewayProxyRequestEvent event = request("{\"orderId\":\"o-1\"}");
    Receipt receipt = new Receipt("o-1", 25, null);

    powertools().build().call(event, Receipt.class, () -> receipt);

    Map<String, AttributeValue> item = item(PowertoolsReference.key(PREFIX, event, null));
    assertThat(item).isNotNull();
    assertThat(item.get("data").s()).isEqualTo(PowertoolsReference.data(receipt));
  }

  @Test
  void anObjectFieldOfARecordIsKeyedAsPowertoolsDoes() throws Exception {
    Order order = new Order("o-2", new Customer("Ann", "c-1", null), null);

    powertools().keyPath("customer").build().call(order, String.class, () -> "done");

    assertThat(item(PowertoolsReference.key(PREFIX, order, "customer"))).isNotNull();
  }

  @Test
  void aWholeRecordEventWithNullsIsKeyedAsPowertoolsDoes() throws Exception {
    Order order = new Order("o-3", new Customer("Bo", "c-2", null), null);

    powertools().build().call(order, String.class, () -> "done");

    assertThat(item(PowertoolsReference.key(PREFIX, order, null))).isNotNull();
  }

  @Test
  void aMapEventIsKeyedAsPowertoolsDoes() throws Exception {
    Map<String, Object> event = new HashMap<>();
    event.put("orderId", "o-4");
    event.put("note", null);
    event.put("lines", Map.of("sku", "s-1"));

    powertools().build().call(event, String.class, () -> "done");

    assertThat(item(PowertoolsReference.key(PREFIX, event, null))).isNotNull();
  }

  @Test
  void replaysWhatPowertoolsStoredForAnApiGatewayRequest() throws Exception {
    APIGatewayProxyRequestEvent event = request("{\"orderId\":\"o-5\"}");
    Receipt stored = new Receipt("o-5", 99, "SPRING");
    putCompleted(PowertoolsReference.key(PREFIX, event, null), PowertoolsReference.data(stored));

    Receipt replayed =
        powertools()
            .build()
            .call(
                event,
                Receipt.class,
                () -> {
                  runs.incrementAndGet();
                  return new Receipt("o-5", 1, null);
                });

    assertThat(replayed).isEqualTo(stored);
    assertThat(runs).hasValue(0);
  }

  /** A completed item as Powertools' DynamoDBPersistenceStore leaves it. */
  private void putCompleted(String key, String data) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(key));
    item.put(
        "expiration", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 3600)));
    item.put("status", AttributeValue.fromS("COMPLETED"));
    item.put("data", AttributeValue.fromS(data));
    client.putItem(p -> p.tableName(store.tableName()).item(item));
  }

  private Map<String, AttributeValue> item(String id) {
    Map<String, AttributeValue> item =
        client
            .getItem(
                g -> g.tableName(store.tableName()).key(Map.of("id", AttributeValue.fromS(id))))
            .item();
    return item == null || item.isEmpty() ? null : item;
  }
}
