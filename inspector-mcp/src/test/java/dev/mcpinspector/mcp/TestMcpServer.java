package dev.mcpinspector.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real MCP server in-process: the SDK's servlet transport on Jetty 12 (ee10), bound to 127.0.0.1
 * on a free port. Tools: {@code echo}, {@code progress} (reports {@code steps} progress
 * notifications), {@code ask} (elicits a name from the user), {@code log} (sends log
 * notifications), {@code block} (never answers until the server stops). Resource {@code
 * test://greeting}; prompt {@code greet}.
 */
// Logging is deprecated since 2026-07-28, yet 2025 servers still send it: the test server does.
@SuppressWarnings("deprecation")
final class TestMcpServer implements AutoCloseable {

  private final Server jetty;
  private final ServerConnector connector;
  private final McpSyncServer mcp;

  /** When set, the next request's MCP session id is replaced by an unknown one (answered 404). */
  final java.util.concurrent.atomic.AtomicBoolean dropNextSession =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** Released when the server closes so blocked tool calls end. */
  final CountDownLatch release = new CountDownLatch(1);

  /** Counted down each time the {@code block} tool is entered. */
  final CountDownLatch blockEntered = new CountDownLatch(1);

  private TestMcpServer(Server jetty, ServerConnector connector, McpSyncServer mcp) {
    this.jetty = jetty;
    this.connector = connector;
    this.mcp = mcp;
  }

  /** Starts a full MCP server whose {@code serverInfo.name} is {@code name}. */
  static TestMcpServer start(String name) throws Exception {
    HttpServletStreamableServerTransportProvider provider =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .mcpEndpoint("/mcp")
            .build();
    TestMcpServer[] self = new TestMcpServer[1];
    McpSyncServer mcp =
        McpServer.sync(provider)
            .serverInfo(name, "1.2.3")
            .capabilities(
                McpSchema.ServerCapabilities.builder()
                    .tools(false)
                    .resources(false, false)
                    .prompts(false)
                    .logging()
                    .build())
            .tools(
                tool("echo", (ex, req) -> text("echo:" + req.arguments().get("text"))),
                tool(
                    "progress",
                    (ex, req) -> {
                      int steps = ((Number) req.arguments().getOrDefault("steps", 3)).intValue();
                      for (int i = 1; i <= steps; i++) {
                        ex.progressNotification(
                            McpSchema.ProgressNotification.builder(req.progressToken(), i)
                                .total((double) steps)
                                .message("step " + i)
                                .build());
                      }
                      return text("done " + steps);
                    }),
                tool(
                    "ask",
                    (ex, req) -> {
                      McpSchema.ElicitResult r =
                          ex.createElicitation(
                              McpSchema.ElicitFormRequest.builder(
                                      "What is your name?",
                                      Map.of(
                                          "type",
                                          "object",
                                          "properties",
                                          Map.of("name", Map.of("type", "string"))))
                                  .build());
                      return text("action=" + r.action().name() + " content=" + r.content());
                    }),
                tool(
                    "log",
                    (ex, req) -> {
                      for (int i = 1; i <= 2; i++) {
                        ex.loggingNotification(
                            McpSchema.LoggingMessageNotification.builder(
                                    McpSchema.LoggingLevel.ERROR, "log line " + i)
                                .logger("test")
                                .build());
                      }
                      return text("logged");
                    }),
                tool(
                    "block",
                    (ex, req) -> {
                      self[0].blockEntered.countDown();
                      try {
                        self[0].release.await(60, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return text("released");
                    }))
            .resources(
                new McpServerFeatures.SyncResourceSpecification(
                    McpSchema.Resource.builder("test://greeting", "greeting")
                        .mimeType("text/plain")
                        .build(),
                    (ex, req) ->
                        McpSchema.ReadResourceResult.builder(
                                List.of(
                                    McpSchema.TextResourceContents.builder(
                                            req.uri(), "hello from " + name)
                                        .mimeType("text/plain")
                                        .build()))
                            .build()))
            .prompts(
                new McpServerFeatures.SyncPromptSpecification(
                    McpSchema.Prompt.builder("greet")
                        .description("greets someone")
                        .arguments(
                            List.of(McpSchema.PromptArgument.builder("who").required(true).build()))
                        .build(),
                    (ex, req) ->
                        McpSchema.GetPromptResult.builder(
                                List.of(
                                    McpSchema.PromptMessage.builder(
                                            McpSchema.Role.USER,
                                            McpSchema.TextContent.builder(
                                                    "Say hello to " + req.arguments().get("who"))
                                                .build())
                                        .build()))
                            .build()))
            .build();
    TestMcpServer s = startJetty(new SessionDropper(provider, self), mcp, "/mcp");
    self[0] = s;
    return s;
  }

  /** Starts Jetty with an arbitrary servlet on /mcp (for misbehaving servers). */
  static TestMcpServer startRaw(HttpServlet servlet) throws Exception {
    return startJetty(servlet, null, "/mcp");
  }

  /**
   * Starts a legacy HTTP+SSE MCP server with an {@code echo} tool: the event stream at {@code
   * /legacy/sse}, messages posted to {@code /legacy/message}.
   */
  // The SDK deprecates its legacy SSE server transport; it is exactly what this test needs.
  @SuppressWarnings("deprecation")
  static TestMcpServer startSse(String name) throws Exception {
    io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider provider =
        io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .baseUrl("/legacy")
            .sseEndpoint("/sse")
            .messageEndpoint("/message")
            .build();
    McpSyncServer mcp =
        McpServer.sync(provider)
            .serverInfo(name, "0.9")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .tools(tool("echo", (ex, req) -> text("sse-echo:" + req.arguments().get("text"))))
            .build();
    return startJetty(provider, mcp, "/legacy/*");
  }

  private static TestMcpServer startJetty(HttpServlet servlet, McpSyncServer mcp, String path)
      throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, path);
    jetty.setHandler(context);
    jetty.start();
    return new TestMcpServer(jetty, connector, mcp);
  }

  /**
   * Delegates to the SDK's servlet, but can make the server forget the client's MCP session once,
   * as a restarted server would: the request then names an unknown session and gets 404.
   */
  static final class SessionDropper extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final HttpServlet delegate;
    private final transient TestMcpServer[] server;

    SessionDropper(HttpServlet delegate, TestMcpServer[] server) {
      this.delegate = delegate;
      this.server = server;
    }

    @Override
    public void init(jakarta.servlet.ServletConfig config) throws jakarta.servlet.ServletException {
      super.init(config);
      delegate.init(config);
    }

    @Override
    protected void service(
        jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
        throws jakarta.servlet.ServletException, java.io.IOException {
      if (req.getHeader("Mcp-Session-Id") != null
          && server[0] != null
          && server[0].dropNextSession.compareAndSet(true, false)) {
        req =
            new jakarta.servlet.http.HttpServletRequestWrapper(req) {
              @Override
              public String getHeader(String name) {
                return "mcp-session-id".equalsIgnoreCase(name)
                    ? "forgotten-session"
                    : super.getHeader(name);
              }

              @Override
              public java.util.Enumeration<String> getHeaders(String name) {
                return "mcp-session-id".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(List.of("forgotten-session"))
                    : super.getHeaders(name);
              }
            };
      }
      delegate.service(req, resp);
    }
  }

  int port() {
    return connector.getLocalPort();
  }

  String sseUrl() {
    return "http://127.0.0.1:" + port() + "/legacy/sse";
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/mcp";
  }

  @Override
  public void close() {
    release.countDown();
    if (mcp != null) {
      mcp.close();
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the test server", e);
    }
  }

  private static McpServerFeatures.SyncToolSpecification tool(
      String name,
      java.util.function.BiFunction<
              io.modelcontextprotocol.server.McpSyncServerExchange,
              McpSchema.CallToolRequest,
              McpSchema.CallToolResult>
          handler) {
    return McpServerFeatures.SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder(name, Map.of("type", "object"))
                .description(name + " tool")
                .build())
        .callHandler(handler)
        .build();
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).build();
  }
}
