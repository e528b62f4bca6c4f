package dev.mcpinspector.core.elicitation;

import java.util.Locale;

/** How an elicitation asks the user, as named in the MCP specification (2025-11-25 on). */
public enum ElicitationMode {
  /** A form generated from the requested schema; the answer carries content. */
  FORM,
  /**
   * A URL the user opens outside the inspector; the answer only says whether the user agreed to go
   * there, the server later sends {@code notifications/elicitation/complete}.
   */
  URL;

  /**
   * The wire name.
   *
   * @return {@code form} or {@code url}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
