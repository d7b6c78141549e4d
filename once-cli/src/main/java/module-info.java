/**
 * The {@code once} command line: the simulator and the records browser. An application, not a
 * library: it exports nothing, and opens its package to picocli, which sets the commands' options
 * by reflection. Declaring it a module lets the compiler check it uses only Once's exported API.
 */
@SuppressWarnings("requires-automatic") // the AWS SDK, Jedis and Lambda jars: automatic modules
module dev.once.cli {
  requires dev.once.core;
  requires dev.once.dynamodb;
  requires dev.once.redis;
  requires dev.once.jdbc;
  requires dev.once.lambda;
  requires dev.once.examples;
  requires com.zaxxer.hikari;
  requires info.picocli;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.regions;

  opens dev.once.cli to
      info.picocli;
}
