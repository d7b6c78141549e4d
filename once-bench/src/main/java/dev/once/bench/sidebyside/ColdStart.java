package dev.once.bench.sidebyside;

/**
 * A whole-process cold start: the JVM starts here, builds the client and one side's idempotency
 * layer, completes one idempotent call, and prints {@link FirstCallMarker#LINE}.
 */
public final class ColdStart {

  private ColdStart() {}

  /**
   * Runs one first call.
   *
   * @param args the side ({@code once} or {@code raw}), the endpoint, the table, the order id (a
   *     fresh one per run)
   */
  public static void main(String[] args) {
    Side side = Side.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    Side.Layer layer = side.layer(BenchClient.create(args[1]), args[2]);
    Receipt receipt = layer.call(Receipt.event(args[3]), Receipt::charge);
    if (!receipt.orderId().equals(args[3])) {
      throw new IllegalStateException("the receipt is for " + receipt.orderId());
    }
    FirstCallMarker.reachedThenHalt();
  }
}
