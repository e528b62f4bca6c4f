package dev.mcpinspector.core.elicitation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer (RFC 8259) for schemas and answers the broker checks.
 * Objects become {@link LinkedHashMap}, arrays {@link List}, numbers {@link BigDecimal}, {@code
 * null} becomes {@link #NULL}. Refuses duplicate member names, nesting deeper than {@value
 * #MAX_DEPTH}, unescaped control characters, leading zeros and trailing content.
 */
final class JsonText {

  static final int MAX_DEPTH = 64;

  /** The JSON {@code null}. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private final String text;
  private int pos;

  private JsonText(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value.
   *
   * @throws IllegalArgumentException when the text is not exactly one JSON value
   */
  static Object parse(String text) {
    JsonText p = new JsonText(text);
    p.ws();
    Object v = p.value(0);
    p.ws();
    if (p.pos != text.length()) {
      throw p.error("trailing content");
    }
    return v;
  }

  /** Parses a JSON object, or throws IllegalArgumentException. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object, but was " + typeName(v));
    }
    return (Map<String, Object>) v;
  }

  /** The JSON type name of a parsed value, for messages. */
  static String typeName(Object v) {
    if (v == null) {
      return "absent";
    }
    if (v == NULL) {
      return "null";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof BigDecimal) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return v.getClass().getSimpleName();
  }

  /** Writes a parsed value back as compact JSON text. */
  static String write(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == NULL || v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof BigDecimal d) {
      sb.append(d.toString());
    } else if (v instanceof Number n) {
      sb.append(new BigDecimal(n.toString()));
    } else if (v instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, l.get(i));
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
  }

  private void ws() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return value;
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    ws();
    if (pos < text.length() && text.charAt(pos) == '}') {
      pos++;
      return m;
    }
    while (true) {
      ws();
      if (pos >= text.length() || text.charAt(pos) != '"') {
        throw error("expected a member name");
      }
      String key = string();
      ws();
      expect(':');
      ws();
      Object v = value(depth);
      if (m.put(key, v) != null) {
        throw error("duplicate member '" + key + "'");
      }
      ws();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      expect('}');
      return m;
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> l = new ArrayList<>();
    ws();
    if (pos < text.length() && text.charAt(pos) == ']') {
      pos++;
      return l;
    }
    while (true) {
      ws();
      l.add(value(depth));
      ws();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      expect(']');
      return l;
    }
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private String string() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> sb.append(hex4());
        default -> throw error("bad escape '\\" + e + "'");
      }
    }
  }

  private char hex4() {
    if (pos + 4 > text.length()) {
      throw error("short unicode escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos++), 16);
      if (d < 0) {
        throw error("bad unicode escape");
      }
      v = v * 16 + d;
    }
    return (char) v;
  }

  private BigDecimal number() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    if (pos >= text.length()) {
      throw error("bad number");
    }
    if (text.charAt(pos) == '0') {
      pos++;
      if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        throw error("leading zero");
      }
    } else {
      digits();
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      digits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      digits();
    }
    return new BigDecimal(text.substring(start, pos));
  }

  private void digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw error("expected a digit");
    }
  }
}
