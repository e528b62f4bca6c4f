package dev.mcpinspector.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationBroker;
import dev.mcpinspector.core.elicitation.ElicitationConfig;
import dev.mcpinspector.core.elicitation.ElicitationEvent;
import dev.mcpinspector.core.elicitation.ElicitationMode;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.elicitation.SamplingAction;
import dev.mcpinspector.core.elicitation.SamplingEvent;
import dev.mcpinspector.core.elicitation.SamplingResponse;
import dev.mcpinspector.core.outbound.OutboundConfig;
import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.time.Ticker;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sampling and URL-mode elicitation from a real in-process Java SDK server, through a real client
 * manager into the real core broker, and the one lifecycle: removing a server cancels what it still
 * waits for.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitingRequestsMcpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Server jetty;
  private static String url;

  // The SDK deprecates the no-argument request builder and the TextContent constructor; they are
  // the shortest way to build this request in a test.
  @SuppressWarnings("deprecation")
  @BeforeAll
  static void startServer() throws Exception {
    HttpServletStreamableServerTransportProvider provider =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJsonDefaults.getMapper())
            .mcpEndpoint("/mcp")
            .build();
    McpSyncServer unused =
        McpServer.sync(provider)
            .serverInfo("waiting-server", "1.0.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .tools(
                tool(
                    "sample",
                    (ex, req) -> {
                      McpSchema.CreateMessageResult r =
                          ex.createMessage(
                              McpSchema.CreateMessageRequest.builder()
                                  .messages(
                                      List.of(
                                          new McpSchema.SamplingMessage(
                                              McpSchema.Role.USER,
                                              new McpSchema.TextContent("What is 2+2?"))))
                                  .systemPrompt("Answer with a number")
                                  .maxTokens(10)
                                  .build());
                      return text(
                          "role="
                              + r.role()
                              + " model="
                              + r.model()
                              + " text="
                              + ((McpSchema.TextContent) r.content()).text());
                    }),
                tool(
                    "ask_url",
                    (ex, req) -> {
                      McpSchema.ElicitResult r =
                          ex.createElicitation(
                              McpSchema.ElicitUrlRequest.builder(
                                      "Sign in please", "https://login.example.com/a?b=c", "flow-1")
                                  .build());
                      return text("action=" + r.action().name());
                    }))
            .build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(provider);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    jetty.setHandler(context);
    jetty.start();
    url = "http://127.0.0.1:" + connector.getLocalPort() + "/mcp";
  }

  @AfterAll
  static void stopServer() throws Exception {
    jetty.stop();
  }

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ElicitationBroker broker =
      ElicitationBroker.create(
          ElicitationConfig.DEFAULT, scheduler, Clock.systemUTC(), Ticker.system());
  private final SessionId session = SessionId.generate();
  private final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final McpClientManager manager =
      McpClientManager.create(
          session,
          McpClientConfig.defaults(),
          OutboundPolicy.create(OutboundConfig.defaults()),
          new McpEventSinks(
              (s, server, direction, json) -> {
                sent.add(json);
                return 0L;
              },
              (s, server, t, p, total, m) -> {},
              McpEventSinks.ElicitationSink.of(broker)));

  WaitingRequestsMcpTest() {
    broker.open(session);
  }

  @AfterEach
  void close() {
    manager.close();
    broker.close();
    scheduler.shutdownNow();
  }

  private static <T> T await(Supplier<List<T>> pending) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<T> now = pending.get();
      if (!now.isEmpty()) {
        return now.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no pending request within 30 s");
  }

  private CompletableFuture<String> call(String tool) {
    return CompletableFuture.supplyAsync(
        () -> {
          ToolCallResult r = manager.callTool("srv", tool, null);
          JsonNode result = JSON.valueToTree(r.result());
          return result.at("/content/0/text").asText();
        });
  }

  @Test
  void samplingIsAskedOfTheUserAndTheApprovedReplyReachesTheServer() throws Exception {
    manager.addServer(ServerSpec.http("srv", url));
    JsonNode init =
        sent.stream()
            .map(WaitingRequestsMcpTest::tree)
            .filter(n -> "initialize".equals(n.path("method").asText()))
            .findFirst()
            .orElseThrow();
    JsonNode caps = init.at("/params/capabilities");
    assertTrue(caps.has("sampling"), caps.toString());
    assertTrue(caps.at("/elicitation/url").isObject(), caps.toString());
    assertTrue(caps.at("/elicitation/form").isObject(), caps.toString());
    CompletableFuture<String> result = call("sample");
    SamplingEvent.Requested asked = await(() -> broker.pendingSampling(session));
    assertEquals("srv", asked.serverId());
    JsonNode params = JSON.readTree(asked.paramsJson());
    assertEquals("Answer with a number", params.path("systemPrompt").asText());
    assertEquals("What is 2+2?", params.at("/messages/0/content/text").asText());
    assertEquals(10, params.path("maxTokens").asInt());
    assertTrue(
        broker.answerSampling(
            session,
            asked.requestId(),
            new SamplingResponse(
                SamplingAction.APPROVE,
                "{\"content\":{\"type\":\"text\",\"text\":\"4\"},\"model\":\"by-hand\"}")));
    assertEquals("role=ASSISTANT model=by-hand text=4", result.get(30, TimeUnit.SECONDS));
  }

  @Test
  void rejectedSamplingIsAnErrorForTheServer() throws Exception {
    manager.addServer(ServerSpec.http("srv", url));
    CompletableFuture<String> result = call("sample");
    SamplingEvent.Requested asked = await(() -> broker.pendingSampling(session));
    assertTrue(broker.answerSampling(session, asked.requestId(), SamplingResponse.reject()));
    java.util.concurrent.ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
    assertTrue(
        e.getCause().getMessage().contains("User rejected sampling request"),
        e.getCause().getMessage());
  }

  @Test
  void urlElicitationShowsTheUrlAndTheAcceptReachesTheServer() throws Exception {
    manager.addServer(ServerSpec.http("srv", url));
    CompletableFuture<String> result = call("ask_url");
    ElicitationEvent.Requested asked = await(() -> broker.pending(session));
    assertEquals(ElicitationMode.URL, asked.mode());
    assertEquals("https://login.example.com/a?b=c", asked.url());
    assertEquals("flow-1", asked.elicitationId());
    assertEquals("Sign in please", asked.message());
    assertTrue(
        broker.answer(
            session, asked.requestId(), new ElicitationResponse(ElicitationAction.ACCEPT, "{}")));
    assertEquals("action=ACCEPT", result.get(30, TimeUnit.SECONDS));
  }

  @Test
  void removingTheServerCancelsWhatItStillWaitsFor() throws Exception {
    manager.addServer(ServerSpec.http("srv", url));
    call("sample");
    call("ask_url");
    await(() -> broker.pendingSampling(session));
    await(() -> broker.pending(session));
    manager.removeServer("srv");
    assertTrue(broker.pendingSampling(session).isEmpty());
    assertTrue(broker.pending(session).isEmpty());
    assertEquals(2, broker.stats().cancelledByServerRemoval());
    assertFalse(manager.listServers().stream().anyMatch(s -> s.id().equals("srv")));
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static McpServerFeatures.SyncToolSpecification tool(
      String name,
      BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult>
          handler) {
    return McpServerFeatures.SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder(name, Map.of("type", "object")).build())
        .callHandler(handler)
        .build();
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).build();
  }
}
