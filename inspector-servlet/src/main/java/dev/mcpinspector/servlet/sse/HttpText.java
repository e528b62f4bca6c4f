package dev.mcpinspector.servlet.sse;

/**
 * Small checks on text that ends up in HTTP headers, paths or SSE fields.
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class HttpText {

  private HttpText() {}

  /**
   * Whether the text holds a CR or LF.
   *
   * @param s the text
   * @return true if it does
   */
  public static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }

  /**
   * Whether the text holds a C0 control character or DEL.
   *
   * @param s the text
   * @return true if it does
   */
  public static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
