package dev.mcpinspector.core.elicitation;

/** The user's answer to an elicitation request, as named in the MCP specification. */
public enum ElicitationAction {
  /** The user submitted the form; the response carries content. */
  ACCEPT,
  /** The user refused. */
  DECLINE,
  /** The user dismissed the request, or it timed out, or the session ended. */
  CANCEL
}
