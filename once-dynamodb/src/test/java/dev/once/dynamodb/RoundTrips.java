package dev.once.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the HTTP requests a client sends (retries included), by operation. */
final class RoundTrips implements ExecutionInterceptor {

  private final List<String> sent = new CopyOnWriteArrayList<>();

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  /** The operations sent since the last call, in order, and forgets them. */
  List<String> take() {
    List<String> taken = List.copyOf(sent);
    sent.clear();
    return taken;
  }
}
