package dev.once.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code once} command: {@code once simulate} proves exactly-once effects under at-least-once
 * delivery; {@code once records} inspects and purges idempotency records.
 *
 * <p>Exit codes: 0 done (and, for simulate, exactly-once held), 1 exactly-once did not hold or a
 * record was not found, 2 bad arguments, 3 the command could not run (a store error).
 */
@Command(
    name = "once",
    mixinStandardHelpOptions = true,
    version = "once 0.1.0-SNAPSHOT",
    description = "Idempotency for AWS Lambda and any Java code: simulate, inspect, purge.")
public final class Once implements Runnable {

  /** Exit code: the command could not run, e.g. the store could not be reached. */
  static final int CANNOT_RUN = 3;

  @Spec CommandSpec spec;

  private Once() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args a command ({@code simulate}, {@code records ...}) and its options; without a
   *     command the run fails with a usage error
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    Environment env = new Environment(out, err, StoreFactory.DEFAULT, System.console() != null);
    int code = commandLine(env).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The whole command tree over {@code env}, ready to parse or execute in this process. */
  static CommandLine commandLine(Environment env) {
    CommandLine records = new CommandLine(new RecordsCommand());
    records.addSubcommand("list", new RecordsCommand.List(env));
    records.addSubcommand("get", new RecordsCommand.Get(env));
    records.addSubcommand("purge", new RecordsCommand.Purge(env));
    records.addSubcommand(
        "purge-expired", new PurgeExpiredCommand(env, java.time.Clock.systemUTC()));
    CommandLine cli = new CommandLine(new Once());
    cli.addSubcommand("simulate", new SimulateCommand(env));
    cli.addSubcommand("records", records);
    cli.setOverwrittenOptionsAllowed(true); // the last one wins, as in most tools
    cli.setOut(env.out());
    cli.setErr(env.err());
    cli.setParameterExceptionHandler(Once::badArguments);
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof ParameterException bad) {
            return badArguments(bad, parsed.originalArgs().toArray(String[]::new));
          }
          line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + e.getMessage());
          return CANNOT_RUN;
        });
    return cli;
  }

  /** Bad arguments: one line naming the argument, a hint, exit 2. */
  private static int badArguments(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    err.println(line.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help'.");
    return CommandLine.ExitCode.USAGE;
  }

  /** Throws the picocli error for bad arguments, keeping {@code e}'s message. */
  static ParameterException badArgument(CommandSpec spec, IllegalArgumentException e) {
    return new ParameterException(spec.commandLine(), e.getMessage(), e);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required: simulate or records");
  }
}
