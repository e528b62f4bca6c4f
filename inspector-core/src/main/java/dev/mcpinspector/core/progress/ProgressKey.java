package dev.mcpinspector.core.progress;

import java.util.Objects;

/**
 * The composite key of one progress entry within a session: no string concatenation, so no two
 * (server, token) pairs can collide.
 *
 * @param serverId the server; never null or empty
 * @param progressToken the progress token as text; never null or empty
 */
public record ProgressKey(String serverId, String progressToken) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param serverId see the record description
   * @param progressToken see the record description
   */
  public ProgressKey {
    Objects.requireNonNull(serverId, "serverId must not be null");
    Objects.requireNonNull(progressToken, "progressToken must not be null");
    if (serverId.isEmpty()) {
      throw new IllegalArgumentException("serverId must not be empty");
    }
    if (progressToken.isEmpty()) {
      throw new IllegalArgumentException("progressToken must not be empty");
    }
  }
}
