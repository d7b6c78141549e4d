package dev.once.cli;

import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code once records purge-expired}: deletes expired records in bounded batches, for stores whose
 * server does not expire them itself (SQL has no TTL). A store that does (DynamoDB TTL, Redis) says
 * so and nothing is deleted.
 */
@Command(
    name = "purge-expired",
    mixinStandardHelpOptions = true,
    description =
        "Deletes expired records in batches, for stores without server-side expiry (jdbc); run it"
            + " on a schedule.")
final class PurgeExpiredCommand implements Callable<Integer> {

  private final Environment env;
  private final Clock clock;

  @Spec CommandSpec spec;

  @Option(
      names = "--batch",
      paramLabel = "N",
      description = "Records deleted per statement (default: 1000).")
  int batch = 1000;

  @Option(
      names = "--max",
      paramLabel = "N",
      description = "Stop after about N records (default: no limit; batches until none is left).")
  long max = Long.MAX_VALUE;

  @Mixin StoreOptions store;

  PurgeExpiredCommand(Environment env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    if (batch < 1) {
      throw Once.badArgument(
          spec, new IllegalArgumentException("--batch must be at least 1 but was " + batch));
    }
    if (max < 1) {
      throw Once.badArgument(
          spec, new IllegalArgumentException("--max must be at least 1 but was " + max));
    }
    try {
      store.validate();
    } catch (IllegalArgumentException e) {
      throw Once.badArgument(spec, e);
    }
    try (StoreFactory.OpenStore open = env.stores().open(store)) {
      long purged = 0;
      while (purged < max) {
        OptionalInt deleted = open.store().purgeExpired(clock.instant(), batch);
        if (deleted.isEmpty()) {
          env.out().println(store.describe() + " deletes expired records itself: nothing to do");
          env.out().flush();
          return 0;
        }
        purged += deleted.getAsInt();
        if (deleted.getAsInt() < batch) {
          break;
        }
      }
      env.out().printf("purged %d expired record(s) from %s%n", purged, store.describe());
      env.out().flush();
      return 0;
    }
  }
}
