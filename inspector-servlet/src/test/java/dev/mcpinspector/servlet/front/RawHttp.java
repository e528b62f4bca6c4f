package dev.mcpinspector.servlet.front;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: a foreign {@code Host},
 * control characters and raw non-ASCII bytes in headers, a 100 KB cookie.
 */
final class RawHttp {

  private RawHttp() {}

  /** A parsed response; {@code status} is -1 when the server closed without answering. */
  record Response(int status, List<String> headerLines, String body) {
    List<String> headers(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      List<String> out = new ArrayList<>();
      for (String line : headerLines) {
        if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          out.add(line.substring(prefix.length()).strip());
        }
      }
      return out;
    }
  }

  /**
   * Sends a request. {@code head} is the request line and header lines without the final empty
   * line; {@code Connection: close} is added. Header bytes are sent as given (ISO-8859-1 for the
   * text, so a char above 0xFF must not be used; pass UTF-8 bytes through {@link #utf8Bytes}).
   */
  static Response send(int port, String head, String body) {
    byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder(head);
    h.append("\r\nConnection: close");
    if (body != null) {
      h.append("\r\nContent-Length: ").append(bodyBytes.length);
    }
    h.append("\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bodyBytes);
        out.flush();
      } catch (SocketException e) {
        // The server may answer and close before reading everything (oversized headers).
      }
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Encodes text as UTF-8 and widens each byte to a char, so {@link #send} puts the raw bytes. */
  static String utf8Bytes(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        buffer.write(chunk, 0, n);
      }
    } catch (SocketException e) {
      // Reset after the response: keep what arrived.
    }
    return buffer.toByteArray();
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (text.isEmpty() || end < 0) {
      return new Response(-1, List.of(), text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
    return new Response(status, headers, text.substring(end + 4));
  }
}
