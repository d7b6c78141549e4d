package dev.once.lambda;

import dev.once.spi.Settings;
import java.time.Duration;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The settings of HTTP idempotency, as {@link HttpConfig.Builder} makes them and {@link HttpConfig}
 * reads them. The sets are immutable copies.
 */
final class HttpSettings extends Settings<HttpSettings> {

  String keyHeader = HttpConfig.IDEMPOTENCY_KEY;
  String keyPath;
  boolean keyRequired = true;
  Set<String> methods = Set.of("PATCH", "POST");
  String fingerprintPath;
  String replayHeader = HttpConfig.IDEMPOTENT_REPLAYED;
  Set<String> deniedHeaders = Set.of("set-cookie");
  IntPredicate storedStatuses = HttpConfig::storedByDefault;
  String callerHeader;
  String callerPath;
  Duration retryAfter = Duration.ofSeconds(1);
  int maxKeyLength = 255;
}
