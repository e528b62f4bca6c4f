package dev.mcpinspector.core.session;

/**
 * Told when the resolver ends a bound session, so the composition root can invalidate the session's
 * client manager. Not told about {@link SessionResolver#end(SessionId)}, whose caller already
 * knows. Called on the thread that ended the session (a request thread or the sweeper), outside any
 * lock; must be quick and must not throw (exceptions are logged and ignored).
 */
@FunctionalInterface
public interface SessionListener {

  /**
   * A session ended.
   *
   * @param id the ended session (never log its value)
   * @param principal the principal it was bound to
   * @param reason why it ended
   */
  void sessionEnded(SessionId id, Principal principal, EndReason reason);
}
