package dev.mcpinspector.mcp.oauth;

import dev.mcpinspector.core.session.SessionId;
import java.util.Objects;

/**
 * Whose tokens: one (session scope, server id) pair. Tokens of one key are never used for another.
 *
 * @param scope the session's event scope ({@link SessionId#LOCAL} in local mode)
 * @param serverId the server id within that session
 */
public record TokenKey(SessionId scope, String serverId) {

  /**
   * Checks the arguments.
   *
   * @param scope see the record description
   * @param serverId see the record description
   */
  public TokenKey {
    Objects.requireNonNull(scope, "scope must not be null");
    Objects.requireNonNull(serverId, "serverId must not be null");
  }
}
