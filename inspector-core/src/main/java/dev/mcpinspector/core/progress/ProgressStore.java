package dev.mcpinspector.core.progress;

import dev.mcpinspector.core.session.SessionId;

/**
 * Latest progress per (session, server, progress token), delivered live to the owning
 * session's subscribers in the order it was reported. Thread-safe.
 */
public interface ProgressStore {

  /**
   * Records a progress notification. Reports for a session that is not open are dropped.
   *
   * @param session the owning session (the manager's scope)
   * @param serverId the server that sent the notification
   * @param progressToken the token of the request the progress belongs to, as text
   * @param progress the progress value so far
   * @param total the total, or null when the server did not say
   * @param message the server's message, or null
   */
  void report(
      SessionId session,
      String serverId,
      String progressToken,
      double progress,
      Double total,
      String message);
}
