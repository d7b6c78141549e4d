package dev.once.lambda;

import dev.once.InProgressPolicy;
import dev.once.spi.Settings;
import java.time.Duration;

/** The settings of a {@link LambdaConfig}, as its builder makes them. */
final class LambdaSettings extends Settings<LambdaSettings> {

  String table;
  Duration expiry = Duration.ofHours(1);
  String keyPath;
  String validationPath;
  InProgressPolicy inProgressPolicy = InProgressPolicy.FAIL_FAST;
  int localCache;
  boolean disabled;
  boolean snapStartPriming;
  String functionName;
}
