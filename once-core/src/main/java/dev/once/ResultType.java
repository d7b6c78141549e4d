package dev.once;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The declared type of a result, generic types included: {@code ResultType.of(Receipt.class)}, or
 * {@code new ResultType<List<Receipt>>() {}} for a generic one. Stored results are decoded into
 * this type and nothing else.
 *
 * @param <T> the result type
 */
public abstract class ResultType<T> {

  private final Type type;

  /** For anonymous subclasses that capture a generic type. */
  protected ResultType() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalArgumentException(
          "ResultType must be created with a type argument, as new ResultType<List<X>>() {}");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  private ResultType(Class<T> type) {
    this.type = type;
  }

  /**
   * The type of a plain class, for results that are not generic.
   *
   * @param <T> the result type
   * @param type the result's class; not null
   * @return a result type equal to any other of the same class
   * @throws NullPointerException if {@code type} is null
   */
  public static <T> ResultType<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return new ResultType<>(type) {};
  }

  /**
   * The Java type, for codecs.
   *
   * @return a {@link Class} or, for a generic type, a {@link ParameterizedType}
   */
  public Type type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResultType<?> other && type.equals(other.type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "ResultType[" + type.getTypeName() + "]";
  }
}
