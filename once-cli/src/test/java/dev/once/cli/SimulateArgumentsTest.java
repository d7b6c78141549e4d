package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.once.InProgressPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateArgumentsTest {

  @Test
  void noArgumentsGiveTheDefaultScenario() {
    Scenario scenario = Cli.parseSimulate("--seed", "1").scenario();

    assertThat(scenario).isEqualTo(Scenario.defaults());
    assertThat(scenario.orders()).isEqualTo(2000);
    assertThat(scenario.duplicates()).isEqualTo(500);
    assertThat(scenario.concurrentDuplicates(2000)).isEqualTo(100);
    assertThat(scenario.rate()).isEqualTo(1000);
  }

  @Test
  void everyOptionLandsInTheScenario() {
    SimulateCommand command =
        Cli.parseSimulate(
            "--orders=50",
            "--duplicate-rate=0.5",
            "--concurrent-duplicates=7",
            "--failure-rate=0.1",
            "--timeout-rate=0.05",
            "--crash-rate=0.03",
            "--rate=unlimited",
            "--concurrency=3",
            "--in-progress=wait",
            "--seed=99",
            "--remaining-ms=30-60",
            "--max-attempts=4",
            "--report=json");

    assertThat(command.scenario())
        .isEqualTo(
            new Scenario(50, 0.5, 7, 0.1, 0.05, 0.03, 0, 3, InProgressPolicy.WAIT, 99, 30, 60, 4));
    assertThat(command.json()).isTrue();
    assertThat(command.handlerRun()).isNull();
    assertThat(command.scenario().duplicates()).isEqualTo(50);
  }

  @Test
  void handlerOptionsFormAHandlerRun() {
    SimulateCommand command =
        Cli.parseSimulate("--handler", "a.B", "--events", "e.jsonl", "--key-path", "id");

    assertThat(command.handlerRun().className()).isEqualTo("a.B");
    assertThat(command.handlerRun().keyPath()).isEqualTo("id");
  }

  @Test
  void withoutASeedEachRunDrawsOne() {
    assertThat(Cli.parseSimulate().scenario().seed())
        .isNotEqualTo(Cli.parseSimulate().scenario().seed());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--duplicate-rate 1.5 | --duplicate-rate must be between 0 and 1 (1 excluded) but was 1.5",
        "--duplicate-rate 1 | --duplicate-rate must be between 0 and 1 (1 excluded) but was 1.0",
        "--orders 0 | --orders must be at least 1 but was 0",
        "--orders x | '--orders'",
        "--failure-rate -0.1 | --failure-rate must be between 0 and 1 but was -0.1",
        "--crash-rate 0.6 --timeout-rate 0.5 | --failure-rate, --timeout-rate and --crash-rate",
        "--rate fast | --rate must be a number of deliveries per second or 'unlimited' but was fast",
        "--rate 0 | --rate must be positive or 'unlimited' but was 0",
        "--concurrency 0 | --concurrency must be at least 1 but was 0",
        "--concurrency 1 --concurrent-duplicates 3 | --concurrent-duplicates needs --concurrency 2",
        "--orders 10 --concurrent-duplicates 50 | --concurrent-duplicates 50 is more than the 3",
        "--in-progress maybe | --in-progress must be fail or wait but was maybe",
        "--remaining-ms 5 | --remaining-ms must be at least 10 but was 5",
        "--remaining-ms 300-200 | --remaining-ms maximum 200 is below its minimum 300",
        "--remaining-ms soon | --remaining-ms must be MILLIS or MIN-MAX",
        "--max-attempts 0 | --max-attempts must be at least 1 but was 0",
        "--report xml | --report must be text or json but was xml",
        "--handler a.B | --handler needs --events",
        "--events e.jsonl | --events applies to --handler only",
        "--store dynamodb | --table is required with --store dynamodb",
        "--table t | --table applies to --store dynamodb or jdbc only",
        "--store cassandra | '--store'",
        "--store redis | --url is required with --store redis",
        "--store redis --url http://h:1 | --url must be redis://HOST:PORT or rediss://HOST:PORT but was http://h:1",
        "--store redis --url redis://a:1,redis://b:2 | --url takes several URLs with --cluster only",
        "--store redis --url redis://a:1 --table t | --table applies to --store dynamodb or jdbc only",
        "--url redis://a:1 | --url applies to --store redis or jdbc only",
        "--cluster | --cluster applies to --store redis only",
        "--store jdbc | --url is required with --store jdbc",
        "--store jdbc --url jdbc:h2:mem:x --region eu-west-1 | --region applies to --store dynamodb only",
        "--store jdbc --url jdbc:h2:mem:x --cluster | --cluster applies to --store redis only",
        "--transactional | --transactional needs --store jdbc",
        "--no-such-option | --no-such-option",
      })
  void badArgumentsExitWithTwoAndNameTheArgument(String args, String message) {
    Cli.Result result = Cli.withMemoryStore().run(("simulate " + args.trim()).split(" "));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains(message.trim()).contains("Try 'once simulate --help'");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void badValuesAreRejectedByTheScenarioItself() {
    assertThatThrownBy(
            () -> new Scenario(10, 0.2, 0, 0, 0, 0, 0, 1, InProgressPolicy.FAIL_FAST, 1, 10, 20, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--max-attempts must be at least 1 but was 0");
  }

  @Test
  void noCommandIsABadArgument() {
    Cli.Result result = Cli.withMemoryStore().run();

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("a command is required: simulate or records");
  }
}
