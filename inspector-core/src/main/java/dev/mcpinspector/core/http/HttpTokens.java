package dev.mcpinspector.core.http;

/**
 * The token syntax of RFC 9110 section 5.6.2 ({@code tchar}: letters, digits and {@code
 * !#$%&'*+-.^_`|~}), shared by header-name, cookie-name and {@code Forwarded} parsing.
 */
public final class HttpTokens {

  private static final String DELIMITERS = "()<>@,;:\\\"/[]?={}";

  private HttpTokens() {}

  /**
   * Tells whether a character may appear in a token.
   *
   * @param c the character
   * @return true for a {@code tchar}
   */
  public static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && DELIMITERS.indexOf(c) < 0;
  }

  /**
   * Tells whether a string is a token.
   *
   * @param text the text
   * @return true when it is not empty and every character is a {@code tchar}
   */
  public static boolean isToken(String text) {
    return !text.isEmpty() && text.chars().allMatch(HttpTokens::isTokenChar);
  }
}
