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

  /** The defaults, which are also Powertools' names. */
  public static AttributeNames defaults() {
    return DEFAULTS;
  }

  /** These names with the status attribute renamed. */
  public AttributeNames withStatus(String name) {
    return new AttributeNames(name, expiration, inProgressExpiration, data, validation, lease);
  }

  /** These names with the expiration (TTL) attribute renamed. */
  public AttributeNames withExpiration(String name) {
    return new AttributeNames(status, name, inProgressExpiration, data, validation, lease);
  }

  /** These names with the in-progress expiration attribute renamed. */
  public AttributeNames withInProgressExpiration(String name) {
    return new AttributeNames(status, expiration, name, data, validation, lease);
  }

  /** These names with the data attribute renamed. */
  public AttributeNames withData(String name) {
    return new AttributeNames(status, expiration, inProgressExpiration, name, validation, lease);
  }

  /** These names with the validation attribute renamed. */
  public AttributeNames withValidation(String name) {
    return new AttributeNames(status, expiration, inProgressExpiration, data, name, lease);
  }

  /** These names with the lease attribute renamed. */
  public AttributeNames withLease(String name) {
    return new AttributeNames(status, expiration, inProgressExpiration, data, validation, name);
  }

  /** All six names, in declaration order. */
  List<String> all() {
    return List.of(status, expiration, inProgressExpiration, data, validation, lease);
  }
}
