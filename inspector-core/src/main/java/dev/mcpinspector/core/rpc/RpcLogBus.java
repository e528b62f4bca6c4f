package dev.mcpinspector.core.rpc;

import dev.mcpinspector.core.session.SessionId;

/**
 * Records every JSON-RPC message between a session's client manager and its servers, and
 * delivers them to that session's subscribers only. Thread-safe.
 */
public interface RpcLogBus {

  /**
   * Records one message. Never blocks on subscribers. Messages for a session that is not open
   * are dropped, so nothing is resurrected after the session was cleared.
   *
   * @param session the owning session (the manager's scope)
   * @param serverId the server connection the message belongs to
   * @param direction which way it went
   * @param json the raw JSON-RPC text; truncated with a marker when over the per-event cap
   * @return the session-scoped sequence number given to the event, or {@code -1} when it was
   *     dropped because the session is not open
   */
  long publish(SessionId session, String serverId, Direction direction, String json);
}
