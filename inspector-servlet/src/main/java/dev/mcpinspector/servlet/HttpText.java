package dev.mcpinspector.servlet;

/** Small checks on text that ends up in HTTP headers or SSE fields. */
final class HttpText {

  private HttpText() {}

  static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }

  static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
