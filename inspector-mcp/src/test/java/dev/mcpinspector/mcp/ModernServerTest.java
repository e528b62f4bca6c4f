package dev.mcpinspector.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.outbound.OutboundConfig;
import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.mcp.EventDoubles.RecordingProgress;
import dev.mcpinspector.mcp.EventDoubles.RecordingRpcLog;
import dev.mcpinspector.mcp.EventDoubles.ScriptedBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine against the Java SDK 2.2.0 modern (2026-07-28, stateless) server, on loopback. */
class ModernServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static ModernTestServer modern;
  static TestMcpServer legacy;

  @BeforeAll
  static void start() throws Exception {
    modern = ModernTestServer.start("modern-server");
    legacy = TestMcpServer.start("legacy-server");
  }

  @AfterAll
  static void stop() throws Exception {
    modern.close();
    legacy.close();
  }

  final RecordingRpcLog rpc = new RecordingRpcLog();
  final ScriptedBroker broker =
      new ScriptedBroker(
          call ->
              CompletableFuture.completedFuture(
                  new ElicitationResponse(ElicitationAction.ACCEPT, "{\"name\":\"Ada\"}")));
  final SessionId session = SessionId.generate();
  final McpClientManager manager =
      new McpClientManagerFactory(
              McpClientConfig.defaults(),
              OutboundPolicy.create(OutboundConfig.defaults()),
              new McpEventSinks(rpc, new RecordingProgress(), broker))
          .create(session, null);

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void negotiatesTheStatelessGenerationWithServerDiscover() {
    ServerView v = manager.addServer(ServerSpec.http("m", modern.url()));
    assertEquals("2026-07-28", v.protocolVersion());
    assertEquals("stateless", v.era());
    assertEquals("modern-server", v.serverInfo().get("name"));
    JsonNode first = json(rpc.of(session, "m").get(0).json());
    assertEquals("server/discover", first.get("method").asText());
    assertEquals(
        "2026-07-28", first.at("/params/_meta/io.modelcontextprotocol~1protocolVersion").asText());
  }

  @Test
  void toolsListAndCallCarryMetaAndAnswerComplete() {
    manager.addServer(ServerSpec.http("m", modern.url()));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tools =
        (List<Map<String, Object>>) manager.listTools("m", null).get("tools");
    assertEquals(List.of("echo", "ask"), tools.stream().map(t -> t.get("name")).toList());
    ToolCallResult r = manager.callTool("m", "echo", Map.of("text", "hi"));
    assertEquals("echo:hi", firstText(r.result()));
    assertEquals("complete", r.result().get("resultType"));
    JsonNode sent =
        rpc.of(session, "m").stream()
            .filter(e -> e.direction() == Direction.SEND && e.json().contains("tools/call"))
            .map(e -> json(e.json()))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "mcp-inspector-host",
        sent.at("/params/_meta/io.modelcontextprotocol~1clientInfo/name").asText());
    assertTrue(sent.at("/params/_meta/io.modelcontextprotocol~1clientCapabilities").isObject());
  }

  @Test
  void inputRequiredGoesToTheBrokerAndIsRetriedWithTheAnswer() {
    manager.addServer(ServerSpec.http("m", modern.url()));
    ToolCallResult r = manager.callTool("m", "ask", null);
    assertEquals("accept:Ada", firstText(r.result()));
    assertEquals(1, broker.calls.size());
    assertEquals("What is your name?", broker.calls.get(0).request().message());
    long calls =
        rpc.of(session, "m").stream()
            .filter(e -> e.direction() == Direction.SEND && e.json().contains("\"tools/call\""))
            .count();
    assertEquals(2, calls, "the call and its retry with inputResponses");
    assertTrue(
        rpc.of(session, "m").stream().anyMatch(e -> e.json().contains("\"inputResponses\"")),
        "the retry carries inputResponses");
  }

  @Test
  void pinning2025AgainstAStatelessOnlyServerFailsClearly() {
    McpManagerException e =
        assertThrows(
            McpManagerException.class,
            () ->
                manager.addServer(
                    new ServerSpec(
                        "m",
                        ServerTransport.STREAMABLE_HTTP,
                        modern.url(),
                        null,
                        null,
                        null,
                        "2025-11-25")));
    assertEquals(ProblemCode.UPSTREAM_FAILED, e.problem());
  }

  @Test
  void pinning2026AgainstALegacyServerFailsWithoutFallingBack() {
    McpManagerException e =
        assertThrows(
            McpManagerException.class,
            () ->
                manager.addServer(
                    new ServerSpec(
                        "l",
                        ServerTransport.STREAMABLE_HTTP,
                        legacy.url(),
                        null,
                        null,
                        null,
                        "2026-07-28")));
    assertEquals(ProblemCode.UPSTREAM_FAILED, e.problem());
    assertTrue(
        rpc.of(session, "l").stream().noneMatch(ev -> ev.json().contains("\"initialize\"")),
        "a pinned version never falls back");
  }

  @Test
  void unknownPinnedVersionIsBadRequest() {
    McpManagerException e =
        assertThrows(
            McpManagerException.class,
            () ->
                manager.addServer(
                    new ServerSpec(
                        "x",
                        ServerTransport.STREAMABLE_HTTP,
                        modern.url(),
                        null,
                        null,
                        null,
                        "2024-01-01")));
    assertEquals(ProblemCode.BAD_REQUEST, e.problem());
    assertEquals(
        "protocolVersion must be one of [2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26], but was"
            + " '2024-01-01'",
        e.getMessage());
    assertEquals(List.of(), manager.listServers(), "a refused server never keeps its id");
  }

  @Test
  void legacyServerFallsBackToInitialize() {
    ServerView v = manager.addServer(ServerSpec.http("l", legacy.url()));
    assertEquals("2025-11-25", v.protocolVersion());
    assertEquals("session", v.era());
  }

  @SuppressWarnings("unchecked")
  static String firstText(Map<String, Object> result) {
    return (String) ((List<Map<String, Object>>) result.get("content")).get(0).get("text");
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
