package dev.once.lambda;

import dev.once.Idempotency;
import dev.once.spi.IdempotencyStore;
import dev.once.spi.Settings;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The settings of a {@link LambdaIdempotency}, as its builder makes them: the {@link LambdaConfig},
 * the store or how to make it, the operation name, the engine customizer.
 */
final class LambdaIdempotencySettings extends Settings<LambdaIdempotencySettings> {

  LambdaConfig config = LambdaConfig.builder().build();
  IdempotencyStore store;
  Function<String, ? extends IdempotencyStore> storeForTable;
  String operation = LambdaIdempotency.DEFAULT_OPERATION;
  Consumer<Idempotency.Builder> customizer = b -> {};
  Diagnostics diagnostics = Diagnostics.standard();
}
