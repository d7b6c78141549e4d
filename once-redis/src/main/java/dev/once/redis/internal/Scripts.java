package dev.once.redis.internal;

import dev.once.redis.FieldNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The four Lua scripts of the Redis store, rendered for one set of field names: the text each
 * script is loaded from (on {@code NOSCRIPT}) and its SHA-1, by which it is called. Not API.
 *
 * @param acquire writes an in-progress record iff the key is free, else returns the live record
 * @param complete stores the final state, conditional on the lease
 * @param extend moves the lease end, conditional on the lease
 * @param release deletes the record, conditional on the lease
 */
public record Scripts(Script acquire, Script complete, Script extend, Script release) {

  /**
   * One script.
   *
   * @param name its name, for error messages
   * @param text the Lua source, as sent by {@code EVAL}
   * @param sha the lowercase hex SHA-1 of {@code text}, as sent by {@code EVALSHA}
   */
  public record Script(String name, byte[] text, byte[] sha) {
    /**
     * The SHA as text.
     *
     * @return 40 lowercase hex digits
     */
    public String shaHex() {
      return new String(sha, StandardCharsets.US_ASCII);
    }
  }

  /**
   * The scripts for {@code names}: pure computation, no I/O beyond reading the class path.
   *
   * @param names the field names substituted into the Lua sources
   * @return the four scripts with their SHA-1s
   */
  public static Scripts render(FieldNames names) {
    String common = substitute(resource("common.lua"), names);
    return new Scripts(
        script("acquire", common), script("complete", common),
        script("extend", common), script("release", common));
  }

  private static Script script(String name, String common) {
    byte[] text = (common + "\n" + resource(name + ".lua")).getBytes(StandardCharsets.UTF_8);
    return new Script(name, text, sha1Hex(text));
  }

  private static String substitute(String template, FieldNames names) {
    Map<String, String> fields =
        Map.of(
            "@status@", names.status(),
            "@expiration@", names.expiration(),
            "@in_progress_expiration@", names.inProgressExpiration(),
            "@validation@", names.validation(),
            "@data@", names.data(),
            "@lease@", names.lease());
    String text = template;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      text = text.replace(field.getKey(), luaLiteral(field.getValue()));
    }
    return text;
  }

  /** A Lua string literal of {@code value}'s UTF-8 bytes: every byte but [A-Za-z0-9_] escaped. */
  static String luaLiteral(String value) {
    StringBuilder literal = new StringBuilder("'");
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        literal.append((char) c);
      } else {
        literal.append('\\').append(String.format("%03d", c));
      }
    }
    return literal.append('\'').toString();
  }

  private static byte[] sha1Hex(byte[] text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text);
      return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = Scripts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read script " + name, e);
    }
  }
}
