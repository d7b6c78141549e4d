package dev.once.redis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One RESP2 command on a fresh connection, for the test servers' own checks (ping, cluster state,
 * {@code EXISTS}, {@code SCRIPT FLUSH}, {@code INFO}) without depending on the client under test.
 *
 * <p>Replies: simple strings and bulk strings as {@code String} (UTF-8), integers as {@code Long},
 * arrays as {@code List<Object>}, nil as {@code null}; an error reply throws {@link ErrorReply}.
 * Not for hot paths: every call opens a connection.
 */
public final class Resp {

  /** The server answered with an error reply ({@code -ERR ...}). */
  public static final class ErrorReply extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ErrorReply(String message) {
      super(message);
    }
  }

  private Resp() {}

  /**
   * Sends {@code args} as one command to {@code 127.0.0.1:port} and reads the reply.
   *
   * @throws UncheckedIOException when the server cannot be reached or closes the connection
   * @throws ErrorReply when the server answers with an error
   */
  public static Object command(int port, String... args) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(encode(args));
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException("redis on port " + port + ": " + String.join(" ", args), e);
    }
  }

  private static byte[] encode(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : args) {
      byte[] value = arg.getBytes(StandardCharsets.UTF_8);
      bytes.writeBytes(("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      bytes.writeBytes(value);
      bytes.writeBytes(new byte[] {'\r', '\n'});
    }
    return bytes.toByteArray();
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    return switch (type) {
      case '+' -> line;
      case '-' -> throw new ErrorReply(line);
      case ':' -> Long.parseLong(line);
      case '$' -> bulk(in, Integer.parseInt(line));
      case '*' -> array(in, Integer.parseInt(line));
      case -1 -> throw new IOException("connection closed before a reply");
      default -> throw new IOException("unexpected RESP type " + (char) type + line);
    };
  }

  private static String bulk(InputStream in, int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] value = in.readNBytes(length);
    in.readNBytes(2); // CRLF
    return new String(value, StandardCharsets.UTF_8);
  }

  private static List<Object> array(InputStream in, int length) throws IOException {
    if (length < 0) {
      return null;
    }
    List<Object> items = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      items.add(read(in));
    }
    return items;
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\r'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed in the middle of a reply");
      }
      line.append((char) c);
    }
    in.read(); // LF
    return line.toString();
  }
}
