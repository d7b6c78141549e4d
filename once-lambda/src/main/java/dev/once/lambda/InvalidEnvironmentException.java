package dev.once.lambda;

/**
 * An environment variable Once reads holds a value it cannot use, or a required one is missing.
 * Thrown when the configuration is read (at cold start), never during an invocation.
 */
public final class InvalidEnvironmentException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The variable's name. */
  private final String variable;

  /** The bad value, or {@code null} when the variable is missing. */
  private final String value;

  /**
   * Thrown while the environment is read.
   *
   * @param variable the variable's name
   * @param value the value found, or {@code null} when it is missing
   * @param expected what a good value looks like
   * @param cause the parser's error, or {@code null}
   */
  public InvalidEnvironmentException(
      String variable, String value, String expected, Throwable cause) {
    super(
        variable
            + (value == null ? " is not set" : " is \"" + value + "\"")
            + ": expected "
            + expected,
        cause);
    this.variable = variable;
    this.value = value;
  }

  /**
   * The variable's name.
   *
   * @return e.g. {@code ONCE_EXPIRY}
   */
  public String variable() {
    return variable;
  }

  /**
   * The value that was found.
   *
   * @return the bad value as set, or {@code null} when the variable is missing
   */
  public String value() {
    return value;
  }
}
