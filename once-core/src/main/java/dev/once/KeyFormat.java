package dev.once;

/** How a key value becomes the stored key. */
public enum KeyFormat {
  /**
   * {@code prefix#hex(digest(canonical JSON))}: object keys sorted, no whitespace, so field order
   * does not change the key. SHA-256 unless another digest is named. The default.
   */
  ONCE,
  /**
   * As Powertools for AWS Lambda (Java) writes it: {@code prefix#hex(digest(value))}, where a
   * string is hashed as its text, a number or boolean as its literal, an object or array as its
   * JSON in input order; MD5 unless another digest is named. For teams migrating with records in
   * flight; the prefix must then be {@code <function name>.<method>} as Powertools built it.
   */
  POWERTOOLS
}
