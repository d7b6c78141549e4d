package dev.once.dynamodb.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One JVM's log of what its calls and executions did: one tab-separated line per event, written and
 * forced to disk before the call goes on, so a JVM killed at any moment leaves every line it wrote.
 * Times are epoch microseconds of the host's real-time clock, which every JVM on the host reads
 * alike: the shared time source of the check. Thread-safe.
 *
 * <pre>
 * S  execution  input  lease  leaseEnd  workStart                    an execution starts its effect
 * E  execution  input  lease  leaseEnd  workEnd  outcome             ... and ends (result id | threw)
 * C  input  lease  callStart  callEnd  outcome  detail  flags  release   a call returned or threw
 * </pre>
 *
 * A call's {@code outcome} is {@code OK} with the result it returned as detail, or the simple name
 * of the exception with its cause's as detail; {@code flags} is {@code CF} when the call's result
 * could not be stored (completion failed), else {@code -}; {@code release} is how the call's last
 * release of its key ended ({@code RELEASED}, {@code ABSENT}, {@code LEASE_LOST}, {@code failed})
 * or {@code -} when it sent none. {@code leaseEnd} on an {@code E} line is the latest lease end
 * after renewals; {@code lease} is {@code -} where no acquisition was sent.
 */
final class EffectsLog implements AutoCloseable {

  static final String START = "S";
  static final String END = "E";
  static final String CALL = "C";
  static final String NONE = "-";

  private final FileChannel channel;

  EffectsLog(Path file) {
    try {
      this.channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the effects log " + file, e);
    }
  }

  /** Epoch microseconds of {@code instant}. */
  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  /** Now, in epoch microseconds of the host's real-time clock. */
  static long now() {
    return micros(Instant.now());
  }

  /** Appends one line of {@code fields} and forces it to disk before returning. */
  void append(Object... fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line.append('\t');
      }
      line.append(fields[i] == null ? NONE : fields[i]);
    }
    line.append('\n');
    ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
    synchronized (this) {
      try {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the effects log", e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
