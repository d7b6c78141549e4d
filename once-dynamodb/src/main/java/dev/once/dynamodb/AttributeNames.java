package dev.once.dynamodb;

import dev.once.spi.Require;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The names of the record's attributes other than the key. The defaults are Powertools for AWS
 * Lambda's names ({@code status}, {@code expiration}, {@code in_progress_expiration}, {@code data},
 * {@code validation}) plus {@code lease}, Once's fencing token, which Powertools ignores.
 *
 * <p>An immutable value; derive variants with the {@code with…} methods.
 *
 * @param status {@code INPROGRESS}, {@code COMPLETED} or {@code FAILED}, a String
 * @param expiration the record's expiry in epoch seconds, a Number: the table's TTL attribute
 * @param inProgressExpiration the holder's lease end in epoch milliseconds, a Number
 * @param data the stored result, Binary or String
 * @param validation the payload digest, a String
 * @param lease the holder's fencing token, a String
 */
public record AttributeNames(
    String status,
    String expiration,
    String inProgressExpiration,
    String data,
    String validation,
    String lease) {

  private static final AttributeNames DEFAULTS =
      new AttributeNames(
          "status", "expiration", "in_progress_expiration", "data", "validation", "lease");

  /**
   * Checks the names at once: each present and not blank, no two alike.
   *
   * @param status the status attribute's name
   * @param expiration the TTL attribute's name
   * @param inProgressExpiration the lease end attribute's name
   * @param data the result attribute's name
   * @param validation the payload digest attribute's name
   * @param lease the fencing token attribute's name
   * @throws NullPointerException when a name is null
   * @throws IllegalArgumentException when a name is blank or two names are equal
   */
  public AttributeNames {
    List<String> all = List.of(status, expiration, inProgressExpiration, data, validation, lease);
    Set<String> seen = new HashSet<>();
    for (String name : all) {
      Objects.requireNonNull(name, "attribute name");
      Require.text("attribute name", name);
      if (!seen.add(name)) {
        throw new IllegalArgumentException("attribute name \"" + name + "\" is used twice");
      }
    }
  }

  /**
   * The defaults, which are also Powertools' names.
   *
   * @return {@code status}, {@code expiration}, {@code in_progress_expiration}, {@code data},
   *     {@code validation} and {@code lease}
   */
  public static AttributeNames defaults() {
    return DEFAULTS;
  }

  /**
   * These names with the status attribute renamed.
   *
   * @param name the new name; not blank, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public AttributeNames withStatus(String name) {
    return new AttributeNames(name, expiration, inProgressExpiration, data, validation, lease);
  }

  /**
   * These names with the expiration (TTL) attribute renamed; it must match the table's TTL setting
   * for DynamoDB to delete expired records.
   *
   * @param name the new name; not blank, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public AttributeNames withExpiration(String name) {
    return new AttributeNames(status, name, inProgressExpiration, data, validation, lease);
  }

  /**
   * These names with the in-progress expiration attribute renamed.
   *
   * @param name the new name; not blank, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public AttributeNames withInProgressExpiration(String name) {
    return new AttributeNames(status, expiration, name, data, validation, lease);
  }

  /**
   * These names with the data attribute renamed.
   *
   * @param name the new name; not blank, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public AttributeNames withData(String name) {
    return new AttributeNames(status, expiration, inProgressExpiration, name, validation, lease);
  }

  /**
   * These names with the validation attribute renamed.
   *
   * @param name the new name; not blank, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public AttributeNames withValidation(String name) {
    return new AttributeNames(status, expiration, inProgressExpiration, data, name, lease);
  }

  /**
   * These names with the lease attribute renamed.
   *
   * @param name the new name; not blank, and not one of the other five
   * @return a new value; this one is unchanged
   * @throws IllegalArgumentException when {@code name} is blank or already used
   */
  public AttributeNames withLease(String name) {
    return new AttributeNames(status, expiration, inProgressExpiration, data, validation, name);
  }

  /** All six names, in declaration order. */
  List<String> all() {
    return List.of(status, expiration, inProgressExpiration, data, validation, lease);
  }
}
