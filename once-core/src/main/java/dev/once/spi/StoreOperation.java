package dev.once.spi;

/** The store operations, as the engine names them when it reports latency. */
public enum StoreOperation {
  ACQUIRE,
  COMPLETE,
  EXTEND,
  RELEASE,
  FIND,
  PURGE,
  LIST
}
