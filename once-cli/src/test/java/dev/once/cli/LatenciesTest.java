package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void latencyPercentilesAreNearestRank() {
    Latencies latencies = new Latencies();
    for (int i = 1; i <= 100; i++) {
      latencies.add(i * 1_000_000L);
    }
    assertThat(latencies.summary()).isEqualTo(new Latencies.Summary(50, 90, 99, 100));
    assertThat(new Latencies().summary()).isEqualTo(new Latencies.Summary(0, 0, 0, 0));
  }
}
