package dev.once.dynamodb;

import dev.once.spi.Require;
import java.util.Objects;

/**
 * Where the idempotency key goes in the table's primary key.
 *
 * <ul>
 *   <li>{@link #partitionKey(String)}: the table's partition key holds the key (Powertools' default
 *       layout, attribute {@code id}).
 *   <li>{@link #sharedPartition(String, String, String)}: a fixed partition key value names the
 *       function, and the sort key holds the key, so many functions can share one table
 *       (Powertools' {@code sortKeyAttr} layout, where the value is {@code idempotency#<function
 *       name>}).
 * </ul>
 *
 * <p>Immutable values.
 */
public sealed interface TableLayout {

  /**
   * The default layout: partition key {@code id} holds the key.
   *
   * @return Powertools' default layout
   */
  static TableLayout partitionKey() {
    return partitionKey("id");
  }

  /**
   * The partition key attribute {@code attribute} holds the key.
   *
   * @param attribute the name of the table's partition key attribute; not blank
   * @return the layout
   * @throws IllegalArgumentException when the name is blank
   */
  static TableLayout partitionKey(String attribute) {
    return new PartitionKey(attribute);
  }

  /**
   * A static value {@code partitionValue} in partition key attribute {@code partitionKeyAttribute},
   * and the key in sort key attribute {@code sortKeyAttribute}.
   *
   * @param partitionKeyAttribute the name of the table's partition key attribute; not blank
   * @param partitionValue the fixed partition key value, e.g. {@code idempotency#my-function}; not
   *     blank
   * @param sortKeyAttribute the name of the table's sort key attribute; not blank, and not the
   *     partition key's
   * @return the layout
   * @throws IllegalArgumentException when a name or the value is blank, or the names are equal
   */
  static TableLayout sharedPartition(
      String partitionKeyAttribute, String partitionValue, String sortKeyAttribute) {
    return new SharedPartition(partitionKeyAttribute, partitionValue, sortKeyAttribute);
  }

  /**
   * The table's partition key attribute.
   *
   * @return its name
   */
  String partitionKeyAttribute();

  /**
   * The attribute that holds the idempotency key.
   *
   * @return its name: the partition key's, or the sort key's in a shared partition
   */
  String keyAttribute();

  /**
   * The partition key holds the key.
   *
   * @param attribute the partition key attribute
   */
  record PartitionKey(String attribute) implements TableLayout {
    /**
     * Checks the name.
     *
     * @param attribute the partition key attribute; not blank
     * @throws NullPointerException when {@code attribute} is null
     * @throws IllegalArgumentException when {@code attribute} is blank
     */
    public PartitionKey {
      requireName("partition key attribute", attribute);
    }

    @Override
    public String partitionKeyAttribute() {
      return attribute;
    }

    @Override
    public String keyAttribute() {
      return attribute;
    }
  }

  /**
   * A static partition key value, the key in the sort key.
   *
   * @param partitionKeyAttribute the partition key attribute
   * @param partitionValue the static value, one per function or operation
   * @param sortKeyAttribute the sort key attribute, holding the key
   */
  record SharedPartition(
      String partitionKeyAttribute, String partitionValue, String sortKeyAttribute)
      implements TableLayout {
    /**
     * Checks the names and the value.
     *
     * @param partitionKeyAttribute the partition key attribute; not blank
     * @param partitionValue the static value; not blank
     * @param sortKeyAttribute the sort key attribute; not blank, and not the partition key's
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when an argument is blank, or the two names are equal
     */
    public SharedPartition {
      requireName("partition key attribute", partitionKeyAttribute);
      requireName("partition value", partitionValue);
      requireName("sort key attribute", sortKeyAttribute);
      if (partitionKeyAttribute.equals(sortKeyAttribute)) {
        throw new IllegalArgumentException(
            "the partition and sort key attributes must differ but both were \""
                + sortKeyAttribute
                + "\"");
      }
    }

    @Override
    public String keyAttribute() {
      return sortKeyAttribute;
    }
  }

  private static void requireName(String what, String value) {
    Objects.requireNonNull(value, what);
    Require.text(what, value);
  }
}
