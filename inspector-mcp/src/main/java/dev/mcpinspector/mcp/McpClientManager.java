package dev.mcpinspector.mcp;

import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.mcp.engine.OutboundHttp;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The MCP client manager of one session (or of the single shared scope in local mode): named
 * connections to MCP servers on the official MCP Java SDK. Every JSON-RPC message of every
 * connection is published to the session's RPC log, progress notifications to its progress store in
 * arrival order, and a server's {@code elicitation/create} becomes a request to that session's user
 * through its elicitation broker. Every connection is checked by the {@link OutboundPolicy} before
 * it is opened and before each HTTP request.
 *
 * <p>Every operation is a thin call behind one HTTP route; results are JSON-friendly (maps, lists,
 * strings, numbers, booleans, null); failures are {@link McpManagerException}s whose {@link
 * McpManagerException#problem()} gives the status and {@code code}. Operations block the calling
 * thread until the server answers or the timeout of {@link McpClientConfig} passes. Thread-safe.
 *
 * <p>{@link #close()} closes every connection, including ones still being opened; a connection that
 * finishes initializing after the close is closed at once and never used.
 */
public interface McpClientManager extends AutoCloseable {

  /**
   * Creates a manager for one session with its own outbound HTTP client, closed with the manager
   * (tests and single-session use; a host shares one client through {@link #create(SessionId,
   * McpClientConfig, OutboundPolicy, McpEventSinks, OutboundHttp)}).
   *
   * @param session the event scope: everything is published under it
   * @param config timeouts and client identity
   * @param policy the outbound policy, which also sets the per-session server cap
   * @param sinks the event plane
   * @return a new manager with no servers
   */
  static McpClientManager create(
      SessionId session, McpClientConfig config, OutboundPolicy policy, McpEventSinks sinks) {
    OutboundHttp http = OutboundHttp.builder(Objects.requireNonNull(policy, "policy")).build();
    return new DefaultMcpClientManager(
        Objects.requireNonNull(session, "session"),
        Objects.requireNonNull(config, "config"),
        policy,
        Objects.requireNonNull(sinks, "sinks"),
        http,
        true);
  }

  /**
   * Creates a manager for one session on a shared outbound HTTP client.
   *
   * @param session the event scope: everything is published under it
   * @param config timeouts and client identity
   * @param policy the outbound policy, which also sets the per-session server cap
   * @param sinks the event plane
   * @param http the shared outbound client, built on the same policy; not closed by the manager
   * @return a new manager with no servers
   */
  static McpClientManager create(
      SessionId session,
      McpClientConfig config,
      OutboundPolicy policy,
      McpEventSinks sinks,
      OutboundHttp http) {
    return new DefaultMcpClientManager(
        Objects.requireNonNull(session, "session"),
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(sinks, "sinks"),
        Objects.requireNonNull(http, "http"),
        false);
  }

  /**
   * The servers of this manager in the order they were added ({@code GET /api/servers}).
   *
   * @return a snapshot; never null
   */
  List<ServerView> listServers();

  /**
   * One server's view.
   *
   * @param serverId the server id
   * @return the view
   * @throws McpManagerException {@code server_not_found}
   */
  ServerView server(String serverId);

  /**
   * Connects a server and initializes it ({@code POST /api/servers}). Blocks until initialized or
   * failed. A server whose connection failed stays listed with status {@code failed} and its error
   * until removed; its id stays taken.
   *
   * @param spec what to connect to
   * @return the view of the connected server
   * @throws McpManagerException {@code bad_request} (id, URL, headers), {@code
   *     transport_forbidden}, {@code url_forbidden}, {@code server_exists}, {@code server_limit},
   *     {@code upstream_failed} (refused, closed, HTTP error, or removed while connecting), {@code
   *     upstream_timeout} (no answer within the connect timeout)
   * @throws IllegalStateException when the manager is closed
   */
  ServerView addServer(ServerSpec spec);

  /**
   * Disconnects and forgets a server ({@code DELETE /api/servers/{id}}); a connection still being
   * opened is closed too. Calls in flight on it fail with {@code upstream_failed}.
   *
   * @param serverId the server id
   * @throws McpManagerException {@code server_not_found}
   */
  void removeServer(String serverId);

  /**
   * {@code tools/list}.
   *
   * @param serverId the server id
   * @param cursor the pagination cursor, or null for the first page
   * @return the {@code ListToolsResult} as a JSON object ({@code tools}, maybe {@code nextCursor})
   * @throws McpManagerException {@code server_not_found}, {@code upstream_failed}, {@code
   *     upstream_timeout}
   */
  Map<String, Object> listTools(String serverId, String cursor);

  /**
   * {@code tools/call} with a fresh progress token in {@code _meta}; the server's progress
   * notifications go to the progress store under that token.
   *
   * @param serverId the server id
   * @param name the tool name
   * @param arguments a JSON object (a {@code Map}) or null for none
   * @return the result and the progress token
   * @throws McpManagerException {@code bad_request} (no name, arguments not an object), {@code
   *     server_not_found}, {@code upstream_failed}, {@code upstream_timeout}
   */
  ToolCallResult callTool(String serverId, String name, Object arguments);

  /**
   * {@code resources/list}.
   *
   * @param serverId the server id
   * @param cursor the pagination cursor, or null
   * @return the {@code ListResourcesResult} as a JSON object
   * @throws McpManagerException {@code server_not_found}, {@code upstream_failed}, {@code
   *     upstream_timeout}
   */
  Map<String, Object> listResources(String serverId, String cursor);

  /**
   * {@code resources/read}.
   *
   * @param serverId the server id
   * @param uri the resource URI
   * @return the {@code ReadResourceResult} as a JSON object
   * @throws McpManagerException {@code bad_request} (no uri), {@code server_not_found}, {@code
   *     upstream_failed}, {@code upstream_timeout}
   */
  Map<String, Object> readResource(String serverId, String uri);

  /**
   * {@code prompts/list}.
   *
   * @param serverId the server id
   * @param cursor the pagination cursor, or null
   * @return the {@code ListPromptsResult} as a JSON object
   * @throws McpManagerException {@code server_not_found}, {@code upstream_failed}, {@code
   *     upstream_timeout}
   */
  Map<String, Object> listPrompts(String serverId, String cursor);

  /**
   * {@code prompts/get}.
   *
   * @param serverId the server id
   * @param name the prompt name
   * @param arguments a JSON object or null
   * @return the {@code GetPromptResult} as a JSON object
   * @throws McpManagerException {@code bad_request} (no name, arguments not an object), {@code
   *     server_not_found}, {@code upstream_failed}, {@code upstream_timeout}
   */
  Map<String, Object> getPrompt(String serverId, String name, Object arguments);

  /**
   * {@code ping}.
   *
   * @param serverId the server id
   * @return the (empty) result as a JSON object
   * @throws McpManagerException {@code server_not_found}, {@code upstream_failed}, {@code
   *     upstream_timeout}
   */
  Map<String, Object> ping(String serverId);

  /**
   * Closes every connection, including ones still being opened, within the close timeout per
   * graceful close; idempotent; never throws. Calls in flight fail with {@code upstream_failed}.
   */
  @Override
  void close();
}
