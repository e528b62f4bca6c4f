package dev.mcpinspector.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small MCP server that shows every feature of the inspector at once: {@code echo} (a plain
 * tool), {@code slow_count} (reports progress step by step), {@code ask_user} (asks the user
 * through elicitation), a text resource and a prompt. It runs in-process on the MCP SDK's servlet
 * transport; register {@link #servlet()} under {@link #PATH}.
 *
 * <p>Thread-safe; one instance serves any number of MCP sessions.
 */
public final class DemoMcpServer implements AutoCloseable {

  /** Where the example server mounts the demo MCP endpoint. */
  public static final String PATH = "/demo/mcp";

  /** The server id the page suggests for it. */
  public static final String SUGGESTED_ID = "demo";

  private static final String SERVER_NAME = "inspector-demo";
  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;
  private final Duration stepDelay;

  /**
   * Creates the demo server.
   *
   * @param stepDelay the pause between two progress steps of {@code slow_count}
   */
  // logging is deprecated in MCP 2026-07-28 (SDK 2.2.0), yet this 2025-generation demo serves it.
  @SuppressWarnings("deprecation")
  public DemoMcpServer(Duration stepDelay) {
    this.stepDelay = stepDelay;
    this.transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .mcpEndpoint(PATH)
            .build();
    this.server =
        McpServer.sync(transport)
            .serverInfo(SERVER_NAME, "1.0.0")
            .capabilities(
                McpSchema.ServerCapabilities.builder()
                    .tools(true)
                    .resources(false, false)
                    .prompts(false)
                    .logging()
                    .build())
            .tools(echo(), slowCount(), askUser())
            .resources(readme())
            .prompts(greeting())
            .build();
  }

  /**
   * The servlet that speaks Streamable HTTP; register it with async support at {@link #PATH}.
   *
   * @return the servlet
   */
  public HttpServlet servlet() {
    return transport;
  }

  @Override
  public void close() {
    server.closeGracefully();
  }

  private static Map<String, Object> objectSchema(
      Map<String, Object> properties, String... required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", List.of(required));
    return schema;
  }

  private static SyncToolSpecification echo() {
    McpSchema.Tool tool =
        McpSchema.Tool.builder(
                "echo",
                objectSchema(
                    Map.of("text", Map.of("type", "string", "description", "Text to echo")),
                    "text"))
            .description("Returns the text it is given.")
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) ->
                CallToolResult.builder()
                    .addTextContent(String.valueOf(request.arguments().get("text")))
                    .build())
        .build();
  }

  private SyncToolSpecification slowCount() {
    McpSchema.Tool tool =
        McpSchema.Tool.builder(
                "slow_count",
                objectSchema(
                    Map.of(
                        "n",
                        Map.of(
                            "type",
                            "integer",
                            "minimum",
                            1,
                            "maximum",
                            100,
                            "description",
                            "How far to count")),
                    "n"))
            .description("Counts to n, one step at a time, reporting progress after each step.")
            .build();
    return SyncToolSpecification.builder().tool(tool).callHandler(this::count).build();
  }

  private CallToolResult count(McpSyncServerExchange exchange, CallToolRequest request) {
    int n = toInt(request.arguments().get("n"), 5);
    if (n < 1 || n > 100) {
      return CallToolResult.builder()
          .addTextContent("n must be between 1 and 100, but was " + n)
          .isError(true)
          .build();
    }
    Object token = request.meta() == null ? null : request.meta().get("progressToken");
    for (int i = 1; i <= n; i++) {
      try {
        Thread.sleep(stepDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CallToolResult.builder().addTextContent("interrupted").isError(true).build();
      }
      if (token != null) {
        exchange.progressNotification(
            McpSchema.ProgressNotification.builder(token, i)
                .total((double) n)
                .message("counted to " + i)
                .build());
      }
    }
    return CallToolResult.builder().addTextContent("counted to " + n).build();
  }

  private static SyncToolSpecification askUser() {
    McpSchema.Tool tool =
        McpSchema.Tool.builder("ask_user", objectSchema(Map.of()))
            .description("Asks the user for their name and favourite colour, then greets them.")
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              Map<String, Object> properties = new LinkedHashMap<>();
              properties.put("name", Map.of("type", "string", "title", "Your name"));
              properties.put(
                  "colour",
                  Map.of(
                      "type",
                      "string",
                      "title",
                      "Favourite colour",
                      "enum",
                      List.of("red", "green", "blue")));
              McpSchema.ElicitResult answer =
                  exchange.createElicitation(
                      McpSchema.ElicitFormRequest.builder(
                              "Who are you?", objectSchema(properties, "name"))
                          .build());
              if (answer.action() != McpSchema.ElicitResult.Action.ACCEPT) {
                return CallToolResult.builder()
                    .addTextContent(
                        "The user chose to "
                            + answer.action().name().toLowerCase(java.util.Locale.ROOT))
                    .build();
              }
              Map<String, Object> content = answer.content();
              return CallToolResult.builder()
                  .addTextContent(
                      "Hello, "
                          + content.get("name")
                          + (content.get("colour") == null
                              ? "!"
                              : "! You like " + content.get("colour") + "."))
                  .build();
            })
        .build();
  }

  private static SyncResourceSpecification readme() {
    McpSchema.Resource resource =
        McpSchema.Resource.builder("demo://readme", "readme")
            .description("What this demo server offers")
            .mimeType("text/plain")
            .build();
    return new SyncResourceSpecification(
        resource,
        (exchange, request) ->
            McpSchema.ReadResourceResult.builder(
                    List.of(
                        McpSchema.TextResourceContents.builder(
                                "demo://readme",
                                "Tools: echo, slow_count (progress), ask_user (elicitation).")
                            .mimeType("text/plain")
                            .build()))
                .build());
  }

  private static SyncPromptSpecification greeting() {
    McpSchema.Prompt prompt =
        McpSchema.Prompt.builder("greeting")
            .description("Greets someone by name")
            .arguments(
                List.of(
                    McpSchema.PromptArgument.builder("name")
                        .description("Who to greet")
                        .required(true)
                        .build()))
            .build();
    return new SyncPromptSpecification(
        prompt,
        (exchange, request) -> {
          Object name = request.arguments() == null ? null : request.arguments().get("name");
          return McpSchema.GetPromptResult.builder(
                  List.of(
                      new McpSchema.PromptMessage(
                          McpSchema.Role.USER,
                          McpSchema.TextContent.builder(
                                  "Please greet " + (name == null ? "me" : name))
                              .build())))
              .description("A greeting")
              .build();
        });
  }

  private static int toInt(Object value, int fallback) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }
}
