package dev.once.bench.sidebyside;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The benchmarked Lambda function, run by the real runtime interface client: the client and one
 * side's idempotency layer built at init (endpoint and table from {@value
 * BenchClient#ENDPOINT_VARIABLE} and {@value BenchClient#TABLE_VARIABLE}), one idempotent call per
 * event. The runtime client serialises the receipt map the same way on both sides.
 */
public abstract class BenchHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private final Side.Layer layer;

  /**
   * Builds the side's layer, at init.
   *
   * @param side the side this function runs
   */
  protected BenchHandler(Side side) {
    this.layer =
        side.layer(
            BenchClient.create(System.getenv(BenchClient.ENDPOINT_VARIABLE)),
            System.getenv(BenchClient.TABLE_VARIABLE));
  }

  @Override
  public final Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return layer.call(event, Receipt::charge).asMap();
  }

  /** The function on the Once side. */
  public static final class OnceFunction extends BenchHandler {
    /** Built by the runtime client. */
    public OnceFunction() {
      super(Side.ONCE);
    }
  }

  /** The function on the raw side. */
  public static final class RawFunction extends BenchHandler {
    /** Built by the runtime client. */
    public RawFunction() {
      super(Side.RAW);
    }
  }
}
