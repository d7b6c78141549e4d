package dev.once.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.once.lambda.IdempotencyKeyHeader.Absent;
import dev.once.lambda.IdempotencyKeyHeader.Key;
import dev.once.lambda.IdempotencyKeyHeader.Parsed;
import dev.once.lambda.IdempotencyKeyHeader.Unreadable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeyHeaderTest {

  private static Parsed parse(String... values) {
    return IdempotencyKeyHeader.parse("Idempotency-Key", Arrays.asList(values), 255);
  }

  @Test
  void aStructuredFieldStringIsUnquotedAndUnescaped() {
    assertThat(parse("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""))
        .isEqualTo(new Key("8e03978e-40d5-43e8-bc93-6894a57f9324"));
    assertThat(parse("  \"a \\\"b\\\" \\\\c\"  ")).isEqualTo(new Key("a \"b\" \\c"));
    assertThat(parse("\"k\";origin=client;v=1")).isEqualTo(new Key("k"));
  }

  @Test
  void aBareKeyAsStripeTakesItIsAccepted() {
    assertThat(parse("order-42_retry.1")).isEqualTo(new Key("order-42_retry.1"));
  }

  @Test
  void noFieldOrOnlyBlankOnesIsAbsent() {
    assertThat(IdempotencyKeyHeader.parse("Idempotency-Key", List.of(), 255))
        .isInstanceOf(Absent.class);
    assertThat(parse(" ")).isInstanceOf(Absent.class);
  }

  @Test
  void whatIsNotOneKeyIsUnreadableWithAReason() {
    assertThat(parse("\"a\"", "\"b\"")).isInstanceOf(Unreadable.class);
    assertThat(parse("\"a\", \"b\"")).isInstanceOf(Unreadable.class);
    assertThat(parse("a,b")).isInstanceOf(Unreadable.class);
    assertThat(parse("\"unterminated")).isInstanceOf(Unreadable.class);
    assertThat(parse("\"bad \\n escape\"")).isInstanceOf(Unreadable.class);
    assertThat(parse("\"\"")).isInstanceOf(Unreadable.class);
    assertThat(parse("\"tab\there\"")).isInstanceOf(Unreadable.class);
    assertThat(parse("two words")).isInstanceOf(Unreadable.class);
    assertThat(parse("\"é\"")).isInstanceOf(Unreadable.class);
    assertThat(IdempotencyKeyHeader.parse("Idempotency-Key", List.of("x".repeat(256)), 255))
        .isInstanceOfSatisfying(
            Unreadable.class, u -> assertThat(u.reason()).contains("256").contains("255"));
  }
}
