package dev.mcpinspector.core.outbound;

import java.util.Locale;

/** Whether the inspector runs for one person on their machine or hosted for many users. */
public enum OutboundMode {
  /** One user on their own machine: stdio and plain {@code http://} are allowed, no SSRF guard. */
  LOCAL,
  /** Many users: stdio refused, {@code https} only, the SSRF guard applies. */
  HOSTED;

  /**
   * Parses the configuration value ({@code local} or {@code hosted}, case-insensitive).
   *
   * @param setting the name of the setting, for the error message
   * @param value the text to parse
   * @return the mode
   * @throws IllegalArgumentException when the value is neither {@code local} nor {@code hosted}
   */
  public static OutboundMode parse(String setting, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "local":
        return LOCAL;
      case "hosted":
        return HOSTED;
      default:
        throw new IllegalArgumentException(
            setting + " must be 'local' or 'hosted', but was '" + value + "'");
    }
  }
}
