package dev.mcpinspector.core.session;

import java.util.Locale;

/** When the session cookie carries {@code Secure}. */
public enum CookieSecure {
  /** Always (the cookie then only works over HTTPS). */
  ALWAYS,
  /** Never (plain-HTTP development only). */
  NEVER,
  /**
   * When the effective request is HTTPS, where {@code X-Forwarded-Proto} and {@code Forwarded}
   * count only from trusted proxies (the default).
   */
  AUTO;

  /**
   * Parses {@code INSPECTOR_COOKIE_SECURE}.
   *
   * @param text {@code always}, {@code never} or {@code auto}, case-insensitive
   * @return the value
   * @throws IllegalArgumentException naming the option, the value and what is accepted
   */
  public static CookieSecure parse(String text) {
    if (text != null) {
      for (CookieSecure s : values()) {
        if (s.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "INSPECTOR_COOKIE_SECURE must be always, never or auto, but was '" + text + "'");
  }
}
