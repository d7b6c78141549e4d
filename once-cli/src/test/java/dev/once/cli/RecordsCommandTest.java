package dev.once.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.Idempotency;
import dev.once.IdempotencyListener;
import dev.once.InMemoryStore;
import dev.once.spi.AcquireRequest;
import dev.once.spi.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordsCommandTest {

  private final InMemoryStore store = new InMemoryStore();
  private final Cli cli = Cli.with(store);
  private String completedKey;
  private String inProgressKey;

  @BeforeEach
  void fillTheStore() {
    completedKey = complete(store, Map.of("orderId", "o-1", "card", "4111-secret"));
    inProgressKey = "once#stuck";
    store.acquire(
        new AcquireRequest(
            inProgressKey,
            "lease-1",
            null,
            Instant.parse("2029-12-31T23:59:58.750Z"),
            Duration.ofMillis(1500),
            Duration.ofSeconds(1)));
  }

  /** Completes one call through the engine and returns its key. */
  static String complete(IdempotencyStore store, Map<String, String> input) {
    List<String> keys = new ArrayList<>();
    Idempotency idempotency =
        Idempotency.builder(store)
            .listener(
                new IdempotencyListener() {
                  @Override
                  public void onMiss(String key) {
                    keys.add(key);
                  }
                })
            .build();
    idempotency.call(input, Map.class, () -> input);
    return keys.get(0);
  }

  @Test
  void listShowsEveryRecord() {
    Cli.Result result = cli.run("records", "list");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(completedKey)
        .contains(inProgressKey)
        .contains("COMPLETED")
        .contains("INPROGRESS")
        .contains("2 record(s)");
  }

  @Test
  void listFindsRecordsStuckInProgress() {
    Cli.Result result = cli.run("records", "list", "--status", "INPROGRESS");

    assertThat(result.out())
        .contains(inProgressKey)
        .contains("2030-01-01T00:00:00.250Z")
        .doesNotContain(completedKey)
        .contains("1 record(s)");
  }

  @Test
  void listKeepsToItsLimit() {
    assertThat(cli.run("records", "list", "--limit", "1").out()).contains("1 record(s)");
    Cli.Result bad = cli.run("records", "list", "--limit", "0");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--limit must be at least 1 but was 0");
  }

  @Test
  void getShowsTheRecordButNotItsDataUnlessAsked() {
    Cli.Result result = cli.run("records", "get", completedKey);

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("status             COMPLETED")
        .contains("expires at")
        .contains("in progress until")
        .contains("lease")
        .containsPattern("data bytes +\\d+")
        .doesNotContain("4111-secret");

    Cli.Result shown = cli.run("records", "get", completedKey, "--show-data");
    assertThat(shown.out()).contains("4111-secret");
  }

  @Test
  void getOfAnUnknownKeyExitsWithOne() {
    Cli.Result result = cli.run("records", "get", "once#nothing");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("no record for key once#nothing");
  }

  @Test
  void purgeDeletesTheRecord() {
    Cli.Result result = cli.run("records", "purge", inProgressKey);

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("purged " + inProgressKey);
    assertThat(store.find(inProgressKey)).isEmpty();
    assertThat(store.find(completedKey)).isPresent();
    assertThat(cli.run("records", "purge", inProgressKey).code()).isEqualTo(1);
  }

  @Test
  void badArgumentsNameTheArgument() {
    Cli.Result noKey = cli.run("records", "get");
    assertThat(noKey.code()).isEqualTo(2);
    assertThat(noKey.err()).contains("KEY");

    Cli.Result badStatus = cli.run("records", "list", "--status", "DONE");
    assertThat(badStatus.code()).isEqualTo(2);
    assertThat(badStatus.err()).contains("--status");

    Cli.Result noSub = cli.run("records");
    assertThat(noSub.code()).isEqualTo(2);
    assertThat(noSub.err()).contains("list, get, purge or purge-expired");
  }
}
