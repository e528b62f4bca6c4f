package dev.mcpinspector.core.session;

import java.util.Locale;

/** How the inspector is deployed; see DESIGN section 5. */
public enum Mode {
  /** One user on one machine: a shared manager, no login, localhost hosts by default. */
  LOCAL,
  /** Many users: login required, signing keys required, one manager per session. */
  HOSTED;

  /**
   * The name used on the wire ({@code GET /api/session}) and in {@code INSPECTOR_MODE}.
   *
   * @return {@code "local"} or {@code "hosted"}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code INSPECTOR_MODE}.
   *
   * @param text {@code local} or {@code hosted}, case-insensitive
   * @return the mode
   * @throws IllegalArgumentException naming the option, the value and what is accepted
   */
  public static Mode parse(String text) {
    if (text != null) {
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(text.strip())) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        "INSPECTOR_MODE must be local or hosted, but was '" + text + "'");
  }
}
