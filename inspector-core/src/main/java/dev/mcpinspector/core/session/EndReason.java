package dev.mcpinspector.core.session;

/** Why the resolver ended a bound session. */
public enum EndReason {
  /** No request within the idle timeout (and not pinned). */
  IDLE,
  /** The absolute lifetime passed. */
  LIFETIME,
  /** The user logged out. */
  LOGOUT,
  /** Login replaced it with a new id. */
  RENEWED,
  /**
   * Evicted to make room: its principal (or the whole table) was at its maximum and this was the
   * least recently used session that was not in use.
   */
  CAPACITY
}
