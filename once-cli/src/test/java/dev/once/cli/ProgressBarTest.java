package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void theProgressBarFillsWithTheSettledDeliveries() {
    assertThat(ProgressBar.line(0, 200)).contains("[" + ".".repeat(40) + "] 0/200");
    assertThat(ProgressBar.line(100, 200))
        .contains("[" + "#".repeat(20) + ".".repeat(20) + "] 100/200");
    assertThat(ProgressBar.line(200, 200)).contains("[" + "#".repeat(40) + "] 200/200");
  }
}
