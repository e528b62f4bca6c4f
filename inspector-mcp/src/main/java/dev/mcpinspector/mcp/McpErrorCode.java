package dev.mcpinspector.mcp;

/** The problem codes the client manager's operations fail with, and their HTTP statuses. */
public enum McpErrorCode {
  /** Malformed input: a bad server id, URL, header, or tool arguments that are not an object. */
  BAD_REQUEST(400, "bad_request"),
  /** The transport is not allowed in this mode (stdio in hosted mode). */
  TRANSPORT_FORBIDDEN(403, "transport_forbidden"),
  /** The URL is refused by the outbound policy (plain http or a private address when hosted). */
  URL_FORBIDDEN(403, "url_forbidden"),
  /** No server with that id in this session. */
  SERVER_NOT_FOUND(404, "server_not_found"),
  /** The session already has a server with that id. */
  SERVER_EXISTS(409, "server_exists"),
  /** The session already has the maximum number of servers. */
  SERVER_LIMIT(429, "server_limit"),
  /** The MCP server failed, refused, answered with an error, or is not connected. */
  UPSTREAM_FAILED(502, "upstream_failed"),
  /** The MCP server did not answer in time. */
  UPSTREAM_TIMEOUT(504, "upstream_timeout");

  private final int status;
  private final String code;

  McpErrorCode(int status, String code) {
    this.status = status;
    this.code = code;
  }

  /**
   * The HTTP status of the problem response.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The stable machine-readable code of the problem response.
   *
   * @return for example {@code "server_exists"}
   */
  public String code() {
    return code;
  }
}
