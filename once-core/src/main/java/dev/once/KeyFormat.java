package dev.once;

/** How a key value becomes the stored key. */
public enum KeyFormat {
  /**
   * {@code prefix#hex(digest(canonical JSON))}, the canonical form being RFC 8785's (JSON
   * Canonicalization Scheme): members sorted, no whitespace, numbers in ECMAScript's shortest
   * notation, so field order and number spelling ({@code 1}, {@code 1.0}, {@code 1e0}) do not
   * change the key. Non-finite numbers are refused ({@link KeyExtractionException}); numbers a
   * double cannot hold are written exactly rather than rounded; Unicode is hashed as given, not
   * normalised. SHA-256 unless another digest is named. The default.
   */
  ONCE,
  /**
   * As Powertools for AWS Lambda (Java) writes it: {@code prefix#hex(digest(value))}, where the
   * input is first turned into JSON with Powertools' mapper settings (properties sorted
   * alphabetically, null properties left out), then a string is hashed as its text, a number or
   * boolean as its literal, an object or array as its JSON; MD5 unless another digest is named.
   * Results are written with the same settings, never compressed, and failures never stored. For
   * teams migrating with records in flight; the prefix must then be {@code <function
   * name>.<method>} as Powertools built it.
   */
  POWERTOOLS
}
