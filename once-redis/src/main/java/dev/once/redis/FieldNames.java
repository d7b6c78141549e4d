package dev.once.redis;

import dev.once.spi.Require;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The names of the hash fields a record is stored in. The defaults are the DynamoDB store's
 * attribute names (and Powertools' own): {@code status}, {@code expiration} (epoch seconds), {@code
 * in_progress_expiration} (epoch milliseconds), {@code validation}, {@code data} and {@code lease}.
 * Any non-empty, distinct names may be used; derive a variant with the {@code with...} methods.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the record's state: {@code INPROGRESS}, {@code COMPLETED} or {@code FAILED}
 * @param expiration when the whole record expires, epoch seconds
 * @param inProgressExpiration when the holder's lease ends, epoch milliseconds
 * @param validation the payload digest, absent when validation is off
 * @param data the encoded result, absent while in progress
 * @param lease the holder's fencing token
 */
public record FieldNames(
    String status,
    String expiration,
    String inProgressExpiration,
    String validation,
    String data,
    String lease) {

  /**
   * Checks the names.
   *
   * @param status the status field's name
   * @param expiration the record expiry field's name
   * @param inProgressExpiration the lease end field's name
   * @param validation the payload digest field's name
   * @param data the result field's name
   * @param lease the fencing token field's name
   * @throws NullPointerException when a name is null
   * @throws IllegalArgumentException when a name is blank, or two names are the same
   */
  public FieldNames {
    List<String> names =
        List.of(
            require(status, "status"),
            require(expiration, "expiration"),
            require(inProgressExpiration, "inProgressExpiration"),
            require(validation, "validation"),
            require(data, "data"),
            require(lease, "lease"));
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "field names must differ but '" + name + "' is used twice");
      }
    }
  }

  /**
   * The default names, the DynamoDB store's.
   *
   * @return {@code status}, {@code expiration}, {@code in_progress_expiration}, {@code validation},
   *     {@code data} and {@code lease}
   */
  public static FieldNames defaults() {
    return new FieldNames(
        "status", "expiration", "in_progress_expiration", "validation", "data", "lease");
  }

  /**
   * These names with another status field.
   *
   * @param name the new field name; not empty, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public FieldNames withStatus(String name) {
    return new FieldNames(name, expiration, inProgressExpiration, validation, data, lease);
  }

  /**
   * These names with another expiration field.
   *
   * @param name the new field name; not empty, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public FieldNames withExpiration(String name) {
    return new FieldNames(status, name, inProgressExpiration, validation, data, lease);
  }

  /**
   * These names with another in-progress expiration field.
   *
   * @param name the new field name; not empty, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public FieldNames withInProgressExpiration(String name) {
    return new FieldNames(status, expiration, name, validation, data, lease);
  }

  /**
   * These names with another validation field.
   *
   * @param name the new field name; not empty, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public FieldNames withValidation(String name) {
    return new FieldNames(status, expiration, inProgressExpiration, name, data, lease);
  }

  /**
   * These names with another data field.
   *
   * @param name the new field name; not empty, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public FieldNames withData(String name) {
    return new FieldNames(status, expiration, inProgressExpiration, validation, name, lease);
  }

  /**
   * These names with another lease field.
   *
   * @param name the new field name; not empty, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public FieldNames withLease(String name) {
    return new FieldNames(status, expiration, inProgressExpiration, validation, data, name);
  }

  private static String require(String name, String field) {
    Objects.requireNonNull(name, field);
    return Require.text(field + " field name", name);
  }
}
