package dev.mcpinspector.core.elicitation;

import dev.mcpinspector.core.session.SessionId;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a server's {@code elicitation/create} into a pending request owned by one session.
 * Only that session's subscribers see it and only that session can answer it. Thread-safe.
 */
public interface ElicitationBroker {

  /**
   * Opens a pending request for the session's user.
   *
   * @param session the owning session (the manager's scope)
   * @param serverId the server asking
   * @param request what it asks
   * @return a future completed with the user's answer, with {@link ElicitationAction#CANCEL} on
   *     timeout or when the session ends, or at once with {@link ElicitationAction#DECLINE} when
   *     the session already has the maximum number of pending requests or is not open; never
   *     completed exceptionally
   */
  CompletableFuture<ElicitationResponse> request(
      SessionId session, String serverId, ElicitationRequest request);
}
