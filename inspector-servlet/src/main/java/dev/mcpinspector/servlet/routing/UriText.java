package dev.mcpinspector.servlet.routing;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.servlet.sse.HttpText;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict decoding of raw paths and query strings: malformed input is refused, never guessed. */
final class UriText {

  private UriText() {}

  /**
   * Splits the raw path below the servlet into decoded segments. {@code ""} and {@code "/"} give no
   * segments.
   *
   * @throws ProblemException 400 for bad escapes, dot segments or forbidden characters
   */
  static List<String> segments(String rawPath) {
    if (rawPath.isEmpty() || rawPath.equals("/")) {
      return List.of();
    }
    if (rawPath.charAt(0) != '/') {
      throw new ProblemException(ProblemCode.NOT_FOUND, "no route for path '" + rawPath + "'");
    }
    String[] raw = rawPath.substring(1).split("/", -1);
    List<String> out = new ArrayList<>(raw.length);
    for (String r : raw) {
      String s = decode(r, false);
      if (s == null) {
        throw ProblemException.badRequest(
            "path segment '" + r + "' is not valid percent-encoded UTF-8");
      }
      if (s.equals(".") || s.equals("..")) {
        throw ProblemException.badRequest("path must not contain '.' or '..' segments");
      }
      if (s.indexOf('/') >= 0 || s.indexOf('\\') >= 0 || HttpText.hasControlCharacter(s)) {
        throw ProblemException.badRequest(
            "path segment '" + r + "' must not encode '/', '\\' or control characters");
      }
      out.add(s);
    }
    return out;
  }

  /**
   * Parses a raw query string with form semantics ({@code +} is a space).
   *
   * @throws ProblemException 400 for bad escapes
   */
  static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      if (k == null || v == null) {
        throw ProblemException.badRequest("query string is not valid percent-encoded UTF-8");
      }
      out.computeIfAbsent(k, x -> new ArrayList<>(1)).add(v);
    }
    return out;
  }

  /** Percent-decodes strictly; returns null when the escapes or the UTF-8 are malformed. */
  static String decode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write((hi << 4) | lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (Character.isSurrogate(c)) {
        return null;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
