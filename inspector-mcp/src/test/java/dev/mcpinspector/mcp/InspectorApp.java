package dev.mcpinspector.mcp;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.servlet.ApiModule;
import dev.mcpinspector.servlet.InspectorRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An application hosting the MCP inspector the way a real one does: Jetty 12 (ee10) on 127.0.0.1,
 * port 0, everything registered with {@link McpInspector#register}. One extra test route, {@code
 * GET /api/test/scope}, records the caller's event scope and client manager under its {@code
 * X-Test-User} header so a test can look at that session's event plane and manager directly;
 * neither leaves the process.
 */
final class InspectorApp implements AutoCloseable {

  final Inspector<McpClientManager> inspector;
  private final Server jetty;
  private final ServerConnector connector;
  private final Map<String, SessionId> scopes = new ConcurrentHashMap<>();
  private final Map<String, McpClientManager> managers = new ConcurrentHashMap<>();

  private InspectorApp(Inspector<McpClientManager> inspector, List<SuggestedServer> suggested)
      throws Exception {
    this.inspector = inspector;
    jetty = new Server();
    connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ApiModule scopeRoute =
        routes ->
            routes.get(
                "/test/scope",
                ex -> {
                  String user = ex.request().getHeader("X-Test-User");
                  InspectorRequest request = InspectorRequest.of(ex);
                  scopes.put(user, request.scope());
                  managers.put(user, request.manager(McpClientManager.class));
                  ex.respondNoContent();
                });
    context.addServletContainerInitializer(
        (classes, ctx) -> McpInspector.register(ctx, inspector, suggested, scopeRoute));
    jetty.setHandler(context);
    jetty.start();
  }

  static InspectorApp start(Inspector<McpClientManager> inspector) throws Exception {
    return start(inspector, List.of());
  }

  static InspectorApp start(Inspector<McpClientManager> inspector, List<SuggestedServer> suggested)
      throws Exception {
    try {
      return new InspectorApp(inspector, suggested);
    } catch (Exception | Error e) {
      inspector.close();
      throw e;
    }
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
  }

  ApiClient client(String name) {
    return new ApiClient(base(), name);
  }

  /** The event scope of the client's current session (leases it once, like any API call). */
  SessionId scope(ApiClient client) {
    ApiClient.Response r = client.get("/api/test/scope");
    if (r.status() != 204) {
      throw new AssertionError("scope lookup failed: " + r);
    }
    return scopes.get(client.name());
  }

  /** The client manager of the client's current session. */
  McpClientManager manager(ApiClient client) {
    scope(client);
    return managers.get(client.name());
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the inspector's Jetty", e);
    } finally {
      inspector.close();
    }
  }
}
