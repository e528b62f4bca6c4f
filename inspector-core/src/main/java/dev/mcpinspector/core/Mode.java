package dev.mcpinspector.core;

/** How an inspector is deployed. */
public enum Mode {
  /**
   * One process serves one person: one shared client manager, no login, stdio and plain {@code
   * http://} servers allowed, the {@code Host} header restricted to localhost names.
   */
  LOCAL,
  /**
   * Many users: one client manager per authenticated session, stdio refused, {@code https://} only,
   * the SSRF guard on, signing keys required.
   */
  HOSTED;

  /**
   * The name used on the wire ({@code GET /api/session}) and in {@code INSPECTOR_MODE}.
   *
   * @return {@code "local"} or {@code "hosted"}
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Parses a mode name, ignoring case.
   *
   * @param text {@code local} or {@code hosted}
   * @return the mode
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static Mode parse(String text) {
    if (text != null) {
      String t = text.trim();
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(t)) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        "mode must be one of [local, hosted], but was '" + text + "'");
  }
}
