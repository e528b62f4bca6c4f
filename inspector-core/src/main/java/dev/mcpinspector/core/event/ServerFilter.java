package dev.mcpinspector.core.event;

/**
 * Which servers' events a subscription or a snapshot wants: all of them (including servers that
 * appear after the subscription opened) or exactly one.
 *
 * @param serverId the one server id, or null for all servers
 */
public record ServerFilter(String serverId) {

  private static final ServerFilter ALL = new ServerFilter(null);

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param serverId see the record description
   */
  public ServerFilter {
    if (serverId != null && serverId.isEmpty()) {
      throw new IllegalArgumentException(
          "serverId must not be empty; use ServerFilter.all() for every server");
    }
  }

  /**
   * Every server, including those that appear later.
   *
   * @return the filter
   */
  public static ServerFilter all() {
    return ALL;
  }

  /**
   * Exactly one server.
   *
   * @param serverId the server id; never null or empty
   * @return the filter
   * @throws NullPointerException when serverId is null
   * @throws IllegalArgumentException when serverId is empty
   */
  public static ServerFilter only(String serverId) {
    if (serverId == null) {
      throw new NullPointerException("serverId must not be null; use ServerFilter.all()");
    }
    return new ServerFilter(serverId);
  }

  /**
   * Maps a nullable or empty request parameter to a filter.
   *
   * @param serverId the server id, or null or empty for all servers
   * @return the filter
   */
  public static ServerFilter ofNullable(String serverId) {
    return serverId == null || serverId.isEmpty() ? ALL : new ServerFilter(serverId);
  }

  /**
   * Whether the filter selects every server.
   *
   * @return true for the all-servers filter
   */
  public boolean isAll() {
    return serverId == null;
  }

  /**
   * Tests a server id.
   *
   * @param candidate the server id of an event
   * @return whether events of that server pass the filter
   */
  public boolean matches(String candidate) {
    return serverId == null || serverId.equals(candidate);
  }
}
