package dev.once.cli;

import dev.once.StoredData;
import dev.once.spi.IdempotencyRecord;
import dev.once.spi.RecordStatus;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code once records}: list, inspect and purge idempotency records in any store. */
@Command(
    name = "records",
    mixinStandardHelpOptions = true,
    description = "Inspect and purge idempotency records: list, get KEY, purge KEY, purge-expired.")
final class RecordsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: list, get, purge or purge-expired");
  }

  /** {@code once records list [--status S] [--limit N]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists records, e.g. those stuck in progress: --status INPROGRESS.")
  static final class List implements Callable<Integer> {
    private final Environment env;

    @Spec CommandSpec spec;

    @Option(
        names = "--status",
        paramLabel = "INPROGRESS|COMPLETED|FAILED",
        description = "Only records of this status.")
    RecordStatus status;

    @Option(names = "--limit", paramLabel = "N", description = "At most N records (default: 100).")
    int limit = 100;

    @Mixin StoreOptions store;

    List(Environment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      if (limit < 1) {
        throw Once.badArgument(
            spec, new IllegalArgumentException("--limit must be at least 1 but was " + limit));
      }
      validate(spec, store);
      try (StoreFactory.OpenStore open = env.stores().open(store)) {
        java.util.List<IdempotencyRecord> records =
            open.store()
                .list(
                    status == null ? EnumSet.allOf(RecordStatus.class) : EnumSet.of(status), limit);
        env.out()
            .printf(
                "%-11s %-20s %-24s %8s  %s%n",
                "STATUS", "EXPIRES", "IN PROGRESS UNTIL", "BYTES", "KEY");
        for (IdempotencyRecord r : records) {
          env.out()
              .printf(
                  "%-11s %-20s %-24s %8d  %s%n",
                  r.status(),
                  r.expiresAt(),
                  r.inProgressExpiresAt() == null ? "-" : r.inProgressExpiresAt(),
                  r.data() == null ? 0 : r.data().length,
                  r.key());
        }
        env.out().printf("%d record(s)%n", records.size());
        env.out().flush();
        return 0;
      }
    }
  }

  /** {@code once records get KEY [--show-data]}. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Shows one record: status, expiries, size, lease; the data only if asked.")
  static final class Get implements Callable<Integer> {
    private final Environment env;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "KEY", description = "The full key, prefix#digest.")
    String key;

    @Option(names = "--show-data", description = "Also print the stored result (may hold PII).")
    boolean showData;

    @Mixin StoreOptions store;

    Get(Environment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      validate(spec, store);
      try (StoreFactory.OpenStore open = env.stores().open(store)) {
        Optional<IdempotencyRecord> found = open.store().find(key);
        if (found.isEmpty()) {
          env.err().println("once records get: no record for key " + key);
          return 1;
        }
        IdempotencyRecord r = found.get();
        byte[] data = r.data();
        boolean gzipped = data != null && StoredData.isCompressed(data);
        line("key", r.key());
        line("status", r.status());
        line("expires at", r.expiresAt());
        line("in progress until", r.inProgressExpiresAt() == null ? "-" : r.inProgressExpiresAt());
        line("validation", r.validation() == null ? "-" : r.validation());
        line("lease", r.lease() == null ? "-" : r.lease());
        line("data bytes", (data == null ? 0 : data.length) + (gzipped ? " (gzip)" : ""));
        if (showData && data != null) {
          line("data", new String(StoredData.uncompressed(data), StandardCharsets.UTF_8));
        }
        env.out().flush();
        return 0;
      }
    }

    private void line(String name, Object value) {
      env.out().printf("%-18s %s%n", name, value);
    }
  }

  /** {@code once records purge KEY}. */
  @Command(
      name = "purge",
      mixinStandardHelpOptions = true,
      description = "Deletes one record whatever it holds: an operator's reset.")
  static final class Purge implements Callable<Integer> {
    private final Environment env;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "KEY", description = "The full key, prefix#digest.")
    String key;

    @Mixin StoreOptions store;

    Purge(Environment env) {
      this.env = env;
    }

    @Override
    public Integer call() throws Exception {
      validate(spec, store);
      try (StoreFactory.OpenStore open = env.stores().open(store)) {
        if (!open.store().purge(key)) {
          env.err().println("once records purge: no record for key " + key);
          return 1;
        }
        env.out().println("purged " + key);
        env.out().flush();
        return 0;
      }
    }
  }

  private static void validate(CommandSpec spec, StoreOptions store) {
    try {
      store.validate();
    } catch (IllegalArgumentException e) {
      throw Once.badArgument(spec, e);
    }
  }
}
