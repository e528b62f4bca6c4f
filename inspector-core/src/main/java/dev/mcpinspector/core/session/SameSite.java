package dev.mcpinspector.core.session;

import java.util.Locale;

/** The {@code SameSite} attribute of the session cookie. */
public enum SameSite {
  /** Sent on top-level navigations from other sites, not on their subrequests (the default). */
  LAX("Lax"),
  /** Never sent on requests started by another site. */
  STRICT("Strict"),
  /** Sent on cross-site requests too (embedding); requires {@code Secure}. */
  NONE("None");

  private final String attribute;

  SameSite(String attribute) {
    this.attribute = attribute;
  }

  /**
   * The attribute value.
   *
   * @return {@code Lax}, {@code Strict} or {@code None}
   */
  public String attribute() {
    return attribute;
  }

  /**
   * Parses {@code INSPECTOR_COOKIE_SAMESITE}.
   *
   * @param text {@code lax}, {@code strict} or {@code none}, case-insensitive
   * @return the value
   * @throws IllegalArgumentException naming the option, the value and what is accepted
   */
  public static SameSite parse(String text) {
    if (text != null) {
      for (SameSite s : values()) {
        if (s.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "INSPECTOR_COOKIE_SAMESITE must be lax, strict or none, but was '" + text + "'");
  }
}
