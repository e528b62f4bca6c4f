package dev.mcpinspector.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real 2026-07-28 (stateless) MCP server in-process: the Java SDK 2.2.0 modern server and its
 * servlet transport on Jetty, bound to 127.0.0.1 on a free port. Tools: {@code echo} and {@code
 * ask} (answers {@code input_required} with a form elicitation, then greets the name it got).
 */
final class ModernTestServer implements AutoCloseable {

  private final Server jetty;
  private final ServerConnector connector;

  private ModernTestServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  static ModernTestServer start(String name) throws Exception {
    Map<String, Object> objectSchema = Map.of("type", "object");
    McpSchema.Tool echo =
        McpSchema.Tool.builder("echo", objectSchema).description("echo tool").build();
    McpSchema.Tool ask =
        McpSchema.Tool.builder("ask", objectSchema).description("asks a name").build();
    McpSyncTool echoTool =
        McpSyncTool.of(
            echo,
            (ctx, req) ->
                McpSyncResponse.result(
                    McpSchema.CallToolResult.builder()
                        .addContent(
                            McpSchema.TextContent.builder(
                                    "echo:" + req.arguments().getOrDefault("text", ""))
                                .build())
                        .build()));
    McpSyncTool askTool =
        McpSyncTool.of(
            ask,
            (ctx, req) -> {
              Map<String, Object> responses = req.inputResponses();
              if (responses == null || !responses.containsKey("name")) {
                return McpSyncResponse.result(
                    McpSchema.InputRequiredResult.builder()
                        .elicit(
                            "name",
                            McpSchema.ElicitFormRequest.builder(
                                    "What is your name?",
                                    Map.of(
                                        "type",
                                        "object",
                                        "properties",
                                        Map.of("name", Map.of("type", "string"))))
                                .build())
                        .build());
              }
              @SuppressWarnings("unchecked")
              Map<String, Object> answer = (Map<String, Object>) responses.get("name");
              Object action = answer.get("action");
              Object content = answer.get("content");
              String who =
                  content instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "nobody";
              return McpSyncResponse.result(
                  McpSchema.CallToolResult.builder()
                      .addContent(McpSchema.TextContent.builder(action + ":" + who).build())
                      .build());
            });
    List<McpSyncTool> tools = List.of(echoTool, askTool);
    McpSyncToolRepository repo =
        new McpSyncToolRepository() {
          @Override
          public ToolsPage list(
              io.modelcontextprotocol.modern.server.McpRequestContext ctx, String cursor) {
            return ToolsPage.of(tools.stream().map(McpSyncTool::definition).toList());
          }

          @Override
          public McpSyncTool find(
              io.modelcontextprotocol.modern.server.McpRequestContext ctx, String toolName) {
            return tools.stream()
                .filter(t -> t.definition().name().equals(toolName))
                .findFirst()
                .orElse(null);
          }
        };
    McpServer mcp =
        McpServer.builder()
            .serverInfo(McpSchema.Implementation.builder(name, "2.2.0").build())
            .jsonMapper(McpJsonDefaults.getMapper())
            .feature(ToolsFeature.ofSync(repo))
            .build();
    HttpServletMcpTransport servlet =
        HttpServletMcpTransport.builder(mcp)
            .jsonMapper(McpJsonDefaults.getMapper())
            .endpoint("/mcp")
            .build();
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty.setHandler(context);
    jetty.start();
    return new ModernTestServer(jetty, connector);
  }

  String url() {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/mcp";
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the modern test server failed", e);
    }
  }
}
