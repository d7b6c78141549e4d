package dev.once.lambda;

/** An event is not in the form Once needs to take its key: a stream that is not JSON. */
public final class EventFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
