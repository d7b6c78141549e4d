package dev.once.lambda;

/**
 * The kinds of handler a {@link LambdaIdempotency} serves, each with its own key settings: the
 * default key path when {@code ONCE_KEY_PATH} is not set, and whether the config's key and
 * validation paths apply to the engine's input.
 */
enum Variant {
  /** A plain or stream handler: the key path over the event, or the whole event. */
  EVENT(null),
  /** An SQS message: the key path over the record, or its {@code messageId}. */
  SQS("messageId"),
  /** A Kinesis or DynamoDB Streams record: the key path over the record, or its {@code eventID}. */
  STREAM("eventID"),
  /**
   * An HTTP request: the HTTP layer reads the key (the header, or the key path over the event) and
   * the fingerprint, and hands the engine both in one object.
   */
  HTTP(null);

  private final String defaultKeyPath;

  Variant(String defaultKeyPath) {
    this.defaultKeyPath = defaultKeyPath;
  }

  /** The key path when none is configured, or {@code null} for the whole input. */
  String defaultKeyPath() {
    return defaultKeyPath;
  }
}
