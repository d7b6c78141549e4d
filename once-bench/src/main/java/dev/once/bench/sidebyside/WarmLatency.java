package dev.once.bench.sidebyside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warm per-call latency, in this JVM after a warm-up, both sides on one client: first calls (a
 * fresh order each), duplicates (orders completed before), one after the other and with 16 in
 * flight. Blocks of calls alternate between the sides (A B, then B A) round after round, so that
 * drift on a shared machine hits both alike; each block gives its median, and a cell is the list of
 * its blocks' medians.
 */
final class WarmLatency {

  /**
   * A measured cell.
   *
   * @param label its name in the table
   * @param inFlight calls in flight at once
   * @param duplicate duplicates of completed orders, or first calls
   */
  record Cell(String label, int inFlight, boolean duplicate) {}

  /** The cells measured, in table order. */
  static final List<Cell> CELLS =
      List.of(
          new Cell("first call", 1, false),
          new Cell("duplicate", 1, true),
          new Cell("first call, 16 in flight", 16, false),
          new Cell("duplicate, 16 in flight", 16, true));

  private static final int WARM_UP_BLOCKS = 3;
  private static final AtomicLong ORDERS = new AtomicLong();

  private final Map<Side, Side.Layer> layers;
  private final Map<Side, List<String>> completed = new EnumMap<>(Side.class);
  private final int calls;
  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  /**
   * @param layers both sides, on one client
   * @param calls calls per block (and completed orders per side for duplicates)
   */
  WarmLatency(Map<Side, Side.Layer> layers, int calls) {
    this.layers = layers;
    this.calls = calls;
  }

  /** Runs the warm-up, then {@code rounds} rounds; block medians in ms per cell and side. */
  Map<Cell, Map<Side, List<Double>>> run(int rounds) throws Exception {
    try {
      for (Side side : Side.values()) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
          String order = freshOrder(side);
          layers.get(side).call(Receipt.event(order), Receipt::charge);
          orders.add(order);
        }
        completed.put(side, orders);
      }
      for (int block = 0; block < WARM_UP_BLOCKS; block++) {
        for (Cell cell : CELLS) {
          for (Side side : Side.values()) {
            block(cell, side);
          }
        }
      }
      Map<Cell, Map<Side, List<Double>>> medians = new LinkedHashMap<>();
      for (Cell cell : CELLS) {
        Map<Side, List<Double>> bySide = new EnumMap<>(Side.class);
        bySide.put(Side.ONCE, new ArrayList<>());
        bySide.put(Side.RAW, new ArrayList<>());
        medians.put(cell, bySide);
      }
      for (int round = 0; round < rounds; round++) {
        Side first = round % 2 == 0 ? Side.ONCE : Side.RAW;
        Side second = first == Side.ONCE ? Side.RAW : Side.ONCE;
        for (Cell cell : CELLS) {
          medians.get(cell).get(first).add(block(cell, first));
          medians.get(cell).get(second).add(block(cell, second));
        }
      }
      return medians;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One block of {@link #calls} calls on {@code side}; its median per-call latency in ms. */
  private double block(Cell cell, Side side) throws Exception {
    long[] nanos = new long[calls];
    List<String> orders = completed.get(side);
    Side.Layer layer = layers.get(side);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < cell.inFlight(); t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = thread; i < calls; i += cell.inFlight()) {
                  String order = cell.duplicate() ? orders.get(i) : freshOrder(side);
                  long start = System.nanoTime();
                  Receipt receipt = layer.call(Receipt.event(order), Receipt::charge);
                  nanos[i] = System.nanoTime() - start;
                  if (!receipt.orderId().equals(order)) {
                    throw new IllegalStateException("a receipt for another order: " + receipt);
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    Arrays.sort(nanos);
    return Table.median(Arrays.stream(nanos).asDoubleStream().toArray()) / 1e6;
  }

  private static String freshOrder(Side side) {
    return "warm-" + side + "-" + ORDERS.incrementAndGet();
  }
}
