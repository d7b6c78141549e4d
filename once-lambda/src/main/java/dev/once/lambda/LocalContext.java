package dev.once.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.once.spi.Require;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * A Lambda {@link Context} for running a handler outside Lambda: in tests, in local runs and in
 * {@code once simulate}. It names a function (the key prefix Once takes from it) and says how much
 * time is left ({@link #getRemainingTimeInMillis()}, the lease Once asks for): a fixed amount, or
 * one counted down by the caller.
 *
 * <pre>{@code
 * Receipt receipt = handler.handleRequest(event, LocalContext.of("pay", Duration.ofSeconds(30)));
 * }</pre>
 *
 * <p>Its other facts are fixed: version {@code $LATEST}, 512 MB, account {@code 000000000000} in
 * {@code us-east-1}, no identity and no client context. Immutable and thread-safe when its
 * remaining time and logger are.
 */
public final class LocalContext implements Context {

  /** A logger that writes each message as a line to standard output, as Lambda's does. */
  public static final LambdaLogger STANDARD_OUTPUT =
      new LambdaLogger() {
        @Override
        public void log(String message) {
          System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
          log(new String(message, StandardCharsets.UTF_8));
        }
      };

  /** A logger that drops every message. */
  public static final LambdaLogger SILENT =
      new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
      };

  private final String functionName;
  private final String requestId;
  private final IntSupplier remainingMillis;
  private final LambdaLogger logger;

  private LocalContext(
      String functionName, String requestId, IntSupplier remainingMillis, LambdaLogger logger) {
    this.functionName = Require.text("functionName", functionName);
    this.requestId = Require.text("requestId", requestId);
    this.remainingMillis = Objects.requireNonNull(remainingMillis, "remainingMillis");
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /**
   * A context with a fixed remaining time, request id {@code request-1}, logging to standard
   * output.
   *
   * @param functionName the function's name
   * @param remainingTime the time left, the same at every call
   * @return a new context
   * @throws IllegalArgumentException when the name is blank, or the time is negative or over {@link
   *     Integer#MAX_VALUE} milliseconds
   */
  public static LocalContext of(String functionName, Duration remainingTime) {
    int millis =
        (int)
            Require.between(
                    "remainingTime",
                    remainingTime,
                    Duration.ZERO,
                    Duration.ofMillis(Integer.MAX_VALUE))
                .toMillis();
    return new LocalContext(functionName, "request-1", () -> millis, STANDARD_OUTPUT);
  }

  /**
   * A context whose remaining time the caller counts down, for one invocation of many.
   *
   * @param functionName the function's name
   * @param requestId the invocation's request id
   * @param remainingMillis the milliseconds left before the invocation's deadline, asked at each
   *     call
   * @param logger where {@link #getLogger()} writes: {@link #STANDARD_OUTPUT}, {@link #SILENT} or
   *     your own
   * @return a new context
   * @throws IllegalArgumentException when the name or request id is blank
   */
  public static LocalContext of(
      String functionName, String requestId, IntSupplier remainingMillis, LambdaLogger logger) {
    return new LocalContext(functionName, requestId, remainingMillis, logger);
  }

  /**
   * The request id given, or {@code request-1}.
   *
   * @return the request id
   */
  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  /**
   * {@code /aws/lambda/<function name>}.
   *
   * @return the log group's name
   */
  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  /**
   * {@code local}.
   *
   * @return the log stream's name
   */
  @Override
  public String getLogStreamName() {
    return "local";
  }

  /**
   * The function name given.
   *
   * @return the function's name
   */
  @Override
  public String getFunctionName() {
    return functionName;
  }

  /**
   * {@code $LATEST}.
   *
   * @return the function's version
   */
  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  /**
   * An ARN for the function in account {@code 000000000000}, {@code us-east-1}.
   *
   * @return the function's ARN
   */
  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
  }

  /**
   * None.
   *
   * @return {@code null}
   */
  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  /**
   * None.
   *
   * @return {@code null}
   */
  @Override
  public ClientContext getClientContext() {
    return null;
  }

  /**
   * The time left, as given or counted down by the caller; never negative.
   *
   * @return milliseconds before the invocation's deadline
   */
  @Override
  public int getRemainingTimeInMillis() {
    return Math.max(0, remainingMillis.getAsInt());
  }

  /**
   * 512.
   *
   * @return the memory limit in MB
   */
  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  /**
   * The logger given, or {@link #STANDARD_OUTPUT}.
   *
   * @return the logger
   */
  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  /**
   * The function and request, for messages.
   *
   * @return {@code LocalContext[function, request id]}
   */
  @Override
  public String toString() {
    return "LocalContext[" + functionName + ", " + requestId + "]";
  }
}
