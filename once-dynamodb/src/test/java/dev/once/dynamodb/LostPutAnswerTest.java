package dev.once.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import dev.once.dynamodb.testing.DynaliteExtension;
import dev.once.dynamodb.testing.DynaliteServer;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SDK retries a {@code PutItem} whose first attempt was applied but whose answer was lost (a
 * 5xx, a throttle or an attempt timeout after the write): the retry fails its condition on the
 * call's own record. The call must still hold the key and run once.
 */
@ExtendWith(DynaliteExtension.class)
class LostPutAnswerTest {

  private final DynaliteServer dynalite;

  LostPutAnswerTest(DynaliteServer dynalite) {
    this.dynalite = dynalite;
  }

  @Test
  void aRetriedPutThatFindsItsOwnRecordHoldsTheKey() {
    DynamoDbClient real = dynalite.client();
    AtomicBoolean loseNextPutAnswer = new AtomicBoolean(false);
    DynamoDbClient client =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                  try {
                    if (method.getName().equals("putItem") && loseNextPutAnswer.getAndSet(false)) {
                      method.invoke(real, args); // applied; its answer never arrives
                    }
                    return method.invoke(real, args); // the retry
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    DynamoDbStore store =
        Tables.created(DynamoDbStore.builder().client(client).tableName(Tables.freshName("lost")));
    Idempotency idempotency = Idempotency.builder(store).build();
    AtomicInteger runs = new AtomicInteger();
    loseNextPutAnswer.set(true);

    Integer result = idempotency.call("order-1", Integer.class, runs::incrementAndGet);

    assertThat(result).isEqualTo(1);
    assertThat(runs).hasValue(1);
    assertThat(store.find(idempotency.keyOf("order-1")))
        .get()
        .extracting(IdempotencyRecord::status)
        .isEqualTo(RecordStatus.COMPLETED);
  }
}
