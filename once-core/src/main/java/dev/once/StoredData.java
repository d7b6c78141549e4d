package dev.once;

import java.util.Objects;

/**
 * Reads the data of a stored record ({@link dev.once.spi.IdempotencyRecord#data()}) the way the
 * engine wrote it, for tools that show records to an operator (such as {@code once records get}).
 * The engine compresses a result above its compression threshold with gzip; this class tells
 * whether it did and undoes it, leaving the bytes as the result codec wrote them (JSON with the
 * default codec). Stateless and thread-safe.
 */
public final class StoredData {

  private StoredData() {}

  /**
   * Whether the engine compressed {@code data}: it starts with the gzip magic bytes.
   *
   * @param data a record's stored data
   * @return true when {@code data} is gzip-compressed
   * @throws NullPointerException when {@code data} is null
   */
  public static boolean isCompressed(byte[] data) {
    return ResultEncoding.isCompressed(Objects.requireNonNull(data, "data"));
  }

  /**
   * {@code data} as the result codec wrote it: decompressed when the engine compressed it, else
   * {@code data} itself.
   *
   * @param data a record's stored data
   * @return the codec's bytes
   * @throws NullPointerException when {@code data} is null
   * @throws ResultCodecException when data marked as gzip does not decompress
   */
  public static byte[] uncompressed(byte[] data) {
    return ResultEncoding.uncompressed(Objects.requireNonNull(data, "data"));
  }
}
