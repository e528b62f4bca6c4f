package dev.mcpinspector.mcp;

import java.util.Locale;

/** The state of one server connection. */
public enum ServerStatus {
  /** The connection is being opened and initialized. */
  CONNECTING,
  /** Initialized; calls may be made. */
  CONNECTED,
  /** Closed by the user, the manager or the session's end. */
  DISCONNECTED,
  /** Opening or initializing failed; the view carries the error. */
  FAILED;

  /**
   * The name used in the HTTP API.
   *
   * @return the lower-case name, for example {@code connected}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
