package dev.once.jdbc.internal;

/** A stored row that cannot be read as a record; the store turns it into Once's typed error. */
public final class CorruptRowException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The key of the row. */
  private final String key;

  /** The column at fault. */
  private final String column;

  CorruptRowException(String key, String column, String value) {
    super(
        "the record of key "
            + key
            + " holds "
            + value
            + " in column "
            + column
            + ", which no record can");
    this.key = key;
    this.column = column;
  }

  /**
   * The key of the row.
   *
   * @return the full idempotency key
   */
  public String key() {
    return key;
  }

  /**
   * The column at fault.
   *
   * @return the column's name, e.g. {@code status}
   */
  public String column() {
    return column;
  }
}
