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
  /** The registry was full and this was the least recently checked session. */
  CAPACITY
}
