package dev.once.cli;

import dev.once.InMemoryStore;
import dev.once.spi.IdempotencyStore;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command in this process, as {@code main} would, and keeps what it printed. */
final class Cli {

  private final StoreFactory stores;

  private Cli(StoreFactory stores) {
    this.stores = stores;
  }

  /** A fresh in-memory store per command, as the real default gives. */
  static Cli withMemoryStore() {
    return new Cli(options -> StoreFactory.OpenStore.of(new InMemoryStore()));
  }

  /** Every command runs against {@code store}, whatever {@code --store} says. */
  static Cli with(IdempotencyStore store) {
    return new Cli(options -> StoreFactory.OpenStore.of(store));
  }

  /** The real stores of the build. */
  static Cli withRealStores() {
    return new Cli(StoreFactory.DEFAULT);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Environment env =
        new Environment(new PrintWriter(out, true), new PrintWriter(err, true), stores, false);
    int code = Once.commandLine(env).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The parsed {@code simulate} command, not run. */
  static SimulateCommand parseSimulate(String... args) {
    Environment env =
        new Environment(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            StoreFactory.DEFAULT,
            false);
    var cli = Once.commandLine(env);
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    System.arraycopy(args, 0, all, 1, args.length);
    var parsed = cli.parseArgs(all);
    return (SimulateCommand) parsed.subcommand().commandSpec().userObject();
  }

  record Result(int code, String out, String err) {}
}
