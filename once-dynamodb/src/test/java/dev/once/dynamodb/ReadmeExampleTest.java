package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import dev.once.KeyFormat;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The examples of once-dynamodb/README.md, compiled and run against dynalite. */
@ExtendWith(DynaliteExtension.class)
class ReadmeExampleTest {

  record Order(String orderId, long amountCents) {}

  record Receipt(String orderId, String chargeId) {}

  @Test
  void defaultLayout(DynaliteServer dynalite) {
    DynamoDbClient client = dynalite.client(); // in Lambda: DynamoDbStore.defaultClient()
    String table = Tables.freshName("idempotency");

    // README: default layout
    DynamoDbStore store = DynamoDbStore.builder().client(client).tableName(table).build();
    store.createTable(); // tests and tools; in production the table comes from your template
    Idempotency idempotency =
        Idempotency.builder(store).keyPrefix("payments.pay").keyPath("orderId").build();
    Order order = new Order("o-1", 1250);
    Receipt receipt =
        idempotency.call(order, Receipt.class, () -> new Receipt(order.orderId(), "ch_1"));
    // end README

    assertThat(idempotency.call(order, Receipt.class, () -> new Receipt("o-1", "ch_2")))
        .isEqualTo(receipt);
  }

  @Test
  void sharedTableAndPowertoolsPreset(DynaliteServer dynalite) {
    DynamoDbClient client = dynalite.client();
    String table = Tables.freshName("idempotency");

    // README: shared table, Powertools records
    DynamoDbStore store =
        DynamoDbStore.builder()
            .client(client)
            .tableName(table)
            .layout(TableLayout.sharedPartition("id", "idempotency#payments", "sort_key"))
            .powertoolsCompatible()
            .build();
    Idempotency idempotency =
        Idempotency.builder(store)
            .keyFormat(KeyFormat.POWERTOOLS)
            .keyPrefix("payments.handleRequest")
            .keyPath("orderId")
            .build();
    // end README

    store.createTable();
    assertThat(idempotency.call(Map.of("orderId", "o-1"), String.class, () -> "done"))
        .isEqualTo("done");
    assertThat(idempotency.call(Map.of("orderId", "o-1"), String.class, () -> "again"))
        .isEqualTo("done");
  }
}
