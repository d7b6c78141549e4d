package dev.once.spi;

/**
 * The settings of one component (an {@code Idempotency}, a store, the Lambda setup) as plain
 * fields, in one place: its builder fills an instance, its immutable config keeps a copy that is
 * never changed again, and a builder derived from a config starts from another copy. The copy is
 * the whole object, field for field, so a setting added to a subclass is carried by every
 * derivation without a hand-written copy to keep in step.
 *
 * <p>Subclasses hold immutable values, or objects shared by reference on purpose (a client, a
 * function, a listener): a copy shares them, as a derived builder should. Not thread-safe; a config
 * publishes its copy through a final field.
 *
 * <p>Part of the SPI so that a store's config (and any other component built on Once) takes the
 * same shape as Once's own: a builder, an immutable config, {@code builder(config)} and {@code
 * newBuilder()}. Each setter checks its value with {@link Require} before it writes the field.
 *
 * @param <S> the subclass
 */
public abstract class Settings<S extends Settings<S>> implements Cloneable {

  /** For subclasses. */
  protected Settings() {}

  /**
   * A copy of every field.
   *
   * @return a new instance of the subclass with the same field values
   */
  @SuppressWarnings("unchecked") // clone() returns an instance of this object's own class, S
  public final S copy() {
    try {
      return (S) super.clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError("Settings implements Cloneable", e);
    }
  }
}
