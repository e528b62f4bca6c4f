package dev.mcpinspector.core.store;

/** Why a session's manager was removed from a {@link ClientManagerStore}. */
public enum RemovalCause {
  /** No lease was held for longer than the idle timeout. */
  IDLE,
  /** The absolute lifetime ended; this ends even a leased session. */
  LIFETIME,
  /** The store was full and this was the least recently used idle session. */
  CAPACITY,
  /**
   * Its principal reached the per-principal maximum and this was that principal's least recently
   * used idle session.
   */
  PRINCIPAL_LIMIT,
  /** {@link ClientManagerStore#invalidate} was called (for example on logout). */
  INVALIDATED,
  /** The store was closed. */
  SHUTDOWN
}
