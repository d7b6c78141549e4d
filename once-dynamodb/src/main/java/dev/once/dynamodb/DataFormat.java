package dev.once.dynamodb;

/** How the stored result is written. Both are read back whatever the setting. */
public enum DataFormat {
  /** A Binary attribute holding the engine's bytes as they are. The default. */
  BINARY,
  /**
   * A String attribute holding the bytes as UTF-8 text, as Powertools stores its JSON. Data that is
   * not valid UTF-8 (a gzip-compressed result) is still written as Binary.
   */
  STRING
}
