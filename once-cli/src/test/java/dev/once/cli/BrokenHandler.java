package dev.once.cli;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A handler whose class path is incomplete: every invocation fails with an {@link Error}. */
public final class BrokenHandler implements RequestHandler<String, String> {
  @Override
  public String handleRequest(String event, Context context) {
    throw new NoClassDefFoundError("com/example/Missing");
  }
}
