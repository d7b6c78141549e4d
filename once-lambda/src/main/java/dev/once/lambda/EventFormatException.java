package dev.once.lambda;

import dev.once.KeyExtractionException;

/**
 * An event is not in the form Once needs to take its key: an event stream that is empty or not
 * JSON, a batch record that is null or lacks its source's identifier. Raised before any work runs;
 * not retryable (a {@link KeyExtractionException}, so an {@link dev.once.IdempotencyException}), so
 * a batch treats the record as poison (see {@link PoisonRecordPolicy}).
 */
public final class EventFormatException extends KeyExtractionException {

  private static final long serialVersionUID = 1L;

  /**
   * Thrown when an event stream cannot be read as JSON.
   *
   * @param message what is wrong with the event, never its content
   * @param cause the parser's error, kept
   */
  EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
