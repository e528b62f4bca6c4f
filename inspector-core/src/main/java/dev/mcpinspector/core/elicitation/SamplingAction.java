package dev.mcpinspector.core.elicitation;

import java.util.Locale;

/** The user's answer to a sampling request. No model is called by the inspector itself. */
public enum SamplingAction {
  /** The user approved a reply (written or edited by the user); the response carries it. */
  APPROVE,
  /** The user refused; the server gets an error. */
  REJECT,
  /**
   * The user dismissed the request, or it timed out, its server was removed or the session ended.
   */
  CANCEL;

  /**
   * The wire name.
   *
   * @return {@code approve}, {@code reject} or {@code cancel}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
