package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --handler}: the user's handler class and events, loaded and run. */
class HandlerWorkloadTest {

  @Test
  void theHandlersInputTypeComesFromItsDeclaration() {
    assertThat(HandlerWorkload.inputType(CountingHandler.class).getTypeName())
        .isEqualTo("java.util.Map<java.lang.String, java.lang.Object>");
    assertThat(HandlerWorkload.inputType(BrokenHandler.class)).isEqualTo(String.class);
  }

  @Test
  void eventsWithTheSameKeyCountAsOne(@TempDir Path dir) throws IOException {
    Path events =
        Files.writeString(
            dir.resolve("e.jsonl"),
            "{\"id\":1,\"n\":1}\n\n{\"id\":2,\"n\":2}\n{\"id\":1,\"n\":3}\n");

    HandlerWorkload workload =
        HandlerWorkload.load(
            new SimulateCommand.HandlerRun(CountingHandler.class.getName(), events, "id", null));

    assertThat(workload.units()).isEqualTo(2);
    assertThat(workload.input(0)).isEqualTo(Map.of("id", 1, "n", 1));
  }

  @Test
  void anErrorFromTheHandlerStopsTheRunInsteadOfHangingIt(@TempDir Path dir) throws IOException {
    Path events = Files.writeString(dir.resolve("e.jsonl"), "\"a\"\n\"b\"\n");

    Cli.Result result =
        Cli.withMemoryStore()
            .run(
                "simulate",
                "--handler=" + BrokenHandler.class.getName(),
                "--events=" + events,
                "--rate=unlimited");

    assertThat(result.code()).isEqualTo(Once.CANNOT_RUN);
    assertThat(result.err()).contains("a delivery failed unexpectedly").contains("Missing");
  }
}
