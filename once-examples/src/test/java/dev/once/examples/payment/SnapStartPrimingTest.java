package dev.once.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.dynamodb.DynamoDbStore;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.dynamodb.testing.DynamoDbProxy;
import dev.once.lambda.LambdaIdempotency;
import dev.once.spi.RecordStatus;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming of the example function against DynamoDB (dynalite), its requests counted by a
 * proxy: the full path through the store, and nothing left in the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapStartPrimingTest {

  private static final String TABLE = "priming-idempotency";

  private DynaliteServer dynalite;
  private DynamoDbProxy proxy;
  private DynamoDbClient client;
  private DynamoDbStore table;

  @BeforeAll
  void startDynaliteBehindAProxy() {
    dynalite = DynaliteServer.start();
    proxy = DynamoDbProxy.start(dynalite.endpoint()).returnOldItems(true); // as DynamoDB does
    client = dynalite.clientBuilder().endpointOverride(proxy.endpoint()).build();
    table = DynamoDbStore.builder().client(dynalite.client()).tableName(TABLE).build();
    table.createTable();
  }

  @AfterAll
  void stopAll() throws Exception {
    if (client != null) {
      client.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
  }

  @Test
  void primingWritesCompletesReplaysAndPurgesItsOwnRecord() {
    LambdaIdempotency once =
        OrderPaymentHandler.idempotency(
            Map.of(
                "ONCE_TABLE", TABLE,
                "ONCE_SNAPSTART_PRIMING", "true",
                "AWS_LAMBDA_FUNCTION_NAME", "order-payment"),
            client);
    assertThat(proxy.seen("PutItem")).isZero();

    once.primeForSnapStart();

    // First run: conditional PutItem, UpdateItem; duplicate: a refused PutItem with the old item;
    // then the purge. The replay needed no GetItem: the refused PutItem returned the record.
    assertThat(proxy.seen("PutItem")).isEqualTo(2);
    assertThat(proxy.seen("UpdateItem")).isEqualTo(1);
    assertThat(proxy.seen("GetItem")).isZero();
    assertThat(proxy.seen("DeleteItem")).isEqualTo(1);
    assertThat(table.list(EnumSet.allOf(RecordStatus.class), 100)).isEmpty();
  }
}
