package dev.mcpinspector.mcp;

import dev.mcpinspector.core.http.ProblemCode;

/** How the inspector talks to an MCP server. */
public enum ServerTransport {
  /** Streamable HTTP, the current MCP HTTP transport (the default). */
  STREAMABLE_HTTP("streamable-http"),
  /** The legacy HTTP+SSE transport, for older servers. */
  SSE("sse"),
  /** A local process over stdin/stdout; local mode only. */
  STDIO("stdio");

  private final String wireName;

  ServerTransport(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name used in the HTTP API.
   *
   * @return {@code streamable-http}, {@code sse} or {@code stdio}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses the API name.
   *
   * @param name the name; null means {@link #STREAMABLE_HTTP}
   * @return the transport
   * @throws McpManagerException {@code bad_request} for an unknown name
   */
  public static ServerTransport fromWireName(String name) {
    if (name == null) {
      return STREAMABLE_HTTP;
    }
    for (ServerTransport t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new McpManagerException(
        ProblemCode.BAD_REQUEST,
        "transport must be one of streamable-http, sse, stdio, but was '"
            + ServerSpec.abbreviate(name)
            + "'");
  }
}
