package dev.once.dynamodb;

import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.IdempotencyStore;
import dev.once.testkit.IdempotencyStoreContract;
import java.time.Duration;

/** The store contract in the Powertools-compatible preset (String data), against dynalite. */
class PowertoolsContractTest extends IdempotencyStoreContract {

  private static DynamoDbStore store;

  @Override
  protected IdempotencyStore newStore() {
    if (store == null) {
      store =
          Tables.created(
              DynamoDbStore.builder()
                  .client(DynaliteServer.shared().client())
                  .tableName(Tables.freshName("powertools"))
                  .clockSkewTolerance(Duration.ZERO)
                  .powertoolsCompatible());
    }
    return store;
  }
}
