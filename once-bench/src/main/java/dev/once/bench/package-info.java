/**
 * JMH benchmarks of the engine over the in-memory store: start with {@code EngineBenchmark}. Not
 * published and not an API; run as its README describes.
 */
package dev.once.bench;
