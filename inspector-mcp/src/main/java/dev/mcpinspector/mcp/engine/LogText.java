package dev.mcpinspector.mcp.engine;

/**
 * Makes server-supplied text safe for log lines and messages: control characters (CR, LF, tabs,
 * escape sequences, Unicode line separators) are escaped so no text can forge a log line, and long
 * text is shortened.
 */
public final class LogText {

  private LogText() {}

  /**
   * Escapes and shortens a string.
   *
   * @param s the text, may be null
   * @param max the most characters kept before {@code ...} is appended
   * @return the safe text; {@code "null"} for null
   */
  public static String safe(String s, int max) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
    for (int i = 0; i < s.length(); i++) {
      if (b.length() >= max) {
        b.append("...");
        break;
      }
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Escapes and shortens to 200 characters.
   *
   * @param s the text, may be null
   * @return the safe text
   */
  public static String safe(String s) {
    return safe(s, 200);
  }
}
