package dev.mcpinspector.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A stdio MCP server with an {@code echo} tool, started as a child JVM by the stdio test. */
public final class StdioTestServer {

  private StdioTestServer() {}

  /**
   * Serves MCP on stdin/stdout until the client ends the process.
   *
   * @param args ignored
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
        .serverInfo("stdio-server", "0.1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(
            McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder("echo", Map.of("type", "object")).build())
                .callHandler(
                    (ex, req) ->
                        McpSchema.CallToolResult.builder()
                            .addTextContent("stdio-echo:" + req.arguments().get("text"))
                            .build())
                .build())
        .build();
    new CountDownLatch(1).await();
  }
}
