package dev.once.lambda;

/** An event is not in the form Once needs to take its key: a stream that is not JSON. */
public final class EventFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Thrown when an event stream cannot be read as JSON.
   *
   * @param message what is wrong with the event, never its content
   * @param cause the parser's error, kept
   */
  public EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
