package dev.mcpinspector.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.outbound.HostResolver;
import dev.mcpinspector.core.outbound.OutboundConfig;
import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.mcp.EventDoubles.ElicitationCall;
import dev.mcpinspector.mcp.EventDoubles.ProgressReport;
import dev.mcpinspector.mcp.EventDoubles.RecordingProgress;
import dev.mcpinspector.mcp.EventDoubles.RecordingRpcLog;
import dev.mcpinspector.mcp.EventDoubles.RpcEvent;
import dev.mcpinspector.mcp.EventDoubles.ScriptedBroker;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpClientManagerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static TestMcpServer alpha;
  static TestMcpServer beta;

  @BeforeAll
  static void startServers() throws Exception {
    alpha = TestMcpServer.start("alpha-server");
    beta = TestMcpServer.start("beta-server");
  }

  @AfterAll
  static void stopServers() throws Exception {
    alpha.close();
    beta.close();
  }

  final RecordingRpcLog rpc = new RecordingRpcLog();
  final RecordingProgress progress = new RecordingProgress();
  final ScriptedBroker broker =
      new ScriptedBroker(
          call ->
              CompletableFuture.completedFuture(
                  new ElicitationResponse(ElicitationAction.ACCEPT, "{\"name\":\"Ada\"}")));
  final SessionId sessionA = SessionId.generate();
  final SessionId sessionB = SessionId.generate();
  private final List<McpClientManager> managers = new ArrayList<>();
  private final List<AutoCloseable> extraServers = new ArrayList<>();

  @AfterEach
  void closeManagers() throws Exception {
    managers.forEach(McpClientManager::close);
    for (AutoCloseable s : extraServers) {
      s.close();
    }
  }

  McpClientManager manager(SessionId session, McpClientConfig config, OutboundPolicy policy) {
    McpClientManager m =
        new McpClientManagerFactory(config, policy, new McpEventSinks(rpc, progress, broker))
            .create(session, null);
    managers.add(m);
    return m;
  }

  McpClientManager local(SessionId session) {
    return manager(
        session, McpClientConfig.defaults(), OutboundPolicy.create(OutboundConfig.defaults()));
  }

  McpClientManager withTimeouts(Duration connect, Duration request) {
    return manager(
        sessionA,
        McpClientConfig.builder().connectTimeout(connect).requestTimeout(request).build(),
        OutboundPolicy.create(OutboundConfig.defaults()));
  }

  static McpClientManager hosted(McpClientManagerTest t, HostResolver resolver, String... allow) {
    OutboundConfig.Builder b = OutboundConfig.builder().mode(Mode.HOSTED);
    for (String a : allow) {
      b.allow(a);
    }
    return t.manager(
        t.sessionA, McpClientConfig.defaults(), OutboundPolicy.create(b.build(), resolver));
  }

  static McpManagerException fails(ProblemCode code, org.junit.jupiter.api.function.Executable e) {
    McpManagerException ex = assertThrows(McpManagerException.class, e);
    assertEquals(code, ex.problem(), ex.getMessage());
    return ex;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  static String firstText(Map<String, Object> result) {
    List<Map<String, Object>> content = (List<Map<String, Object>>) result.get("content");
    return (String) content.get(0).get("text");
  }

  @Nested
  class Connecting {
    @Test
    void addServer_reportsServerInfoProtocolVersionAndCapabilities() {
      ServerView v = local(sessionA).addServer(ServerSpec.http("alpha", alpha.url()));
      assertEquals(ServerStatus.CONNECTED, v.status());
      assertEquals("alpha-server", v.serverInfo().get("name"));
      assertEquals("1.2.3", v.serverInfo().get("version"));
      assertNotNull(v.protocolVersion());
      assertTrue(v.capabilities().containsKey("tools"), v.capabilities().toString());
      assertEquals(1, v.initializations());
      Map<String, Object> j = v.toJson();
      assertEquals("connected", j.get("status"));
      assertEquals("streamable-http", j.get("transport"));
      assertEquals(alpha.url(), j.get("url"));
      assertEquals(null, j.get("error"));
    }

    @Test
    void listServers_keepsInsertionOrder() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("b", beta.url()));
      m.addServer(ServerSpec.http("a", alpha.url()));
      assertEquals(
          List.of("b", "a"),
          m.listServers().stream().map(ServerView::id).collect(Collectors.toList()));
    }

    @Test
    void removeServer_forgetsIt() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      m.removeServer("alpha");
      assertEquals(List.of(), m.listServers());
      assertEquals(
          "no server 'alpha' in this session",
          fails(ProblemCode.SERVER_NOT_FOUND, () -> m.listTools("alpha", null)).getMessage());
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      assertEquals(ServerStatus.CONNECTED, m.server("alpha").status());
    }

    @Test
    void hostedModeConnectsToAllowlistedLoopback() {
      McpClientManager m = hosted(McpClientManagerTest.this, HostResolver.system(), "127.0.0.1");
      assertEquals(
          ServerStatus.CONNECTED, m.addServer(ServerSpec.http("alpha", alpha.url())).status());
      assertEquals(Map.of(), m.ping("alpha"));
    }

    @Test
    void legacySseServer_connectsAndCallsTools() throws Exception {
      TestMcpServer legacy = TestMcpServer.startSse("legacy-server");
      extraServers.add(legacy);
      McpClientManager m = local(sessionA);
      ServerView v =
          m.addServer(
              new ServerSpec("old", ServerTransport.SSE, legacy.sseUrl(), null, null, null));
      assertEquals(ServerStatus.CONNECTED, v.status());
      assertEquals("legacy-server", v.serverInfo().get("name"));
      assertEquals("sse", v.toJson().get("transport"));
      assertEquals(
          "sse-echo:hi", firstText(m.callTool("old", "echo", Map.of("text", "hi")).result()));
      assertTrue(rpc.of(sessionA, "old").stream().anyMatch(e -> e.json().contains("sse-echo:hi")));
    }

    @Test
    void stdioServer_startsAProcessAndCallsTools() {
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      McpClientManager m = local(sessionA);
      ServerView v =
          m.addServer(
              new ServerSpec(
                  "proc",
                  ServerTransport.STDIO,
                  null,
                  null,
                  javaBin,
                  List.of(
                      "-cp",
                      System.getProperty("java.class.path"),
                      "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                      StdioTestServer.class.getName())));
      assertEquals(ServerStatus.CONNECTED, v.status());
      assertEquals("stdio-server", v.serverInfo().get("name"));
      assertEquals(
          "stdio-echo:hi", firstText(m.callTool("proc", "echo", Map.of("text", "hi")).result()));
      m.removeServer("proc");
    }

    @Test
    void stdioCommandThatCannotStart_isUpstreamFailed() {
      McpClientManager m = local(sessionA);
      McpManagerException e =
          fails(
              ProblemCode.UPSTREAM_FAILED,
              () ->
                  m.addServer(
                      new ServerSpec(
                          "local",
                          ServerTransport.STDIO,
                          null,
                          null,
                          "/nonexistent/mcp-server-binary",
                          List.of("--flag"))));
      assertTrue(e.getMessage().startsWith("server 'local' failed during "), e.getMessage());
      assertEquals(ServerStatus.FAILED, m.server("local").status());
      assertEquals(null, m.server("local").url());
    }

    @Test
    void userHeadersAreSentButNeverShown() {
      McpClientManager m = local(sessionA);
      ServerView v =
          m.addServer(
              new ServerSpec(
                  "alpha",
                  ServerTransport.STREAMABLE_HTTP,
                  alpha.url(),
                  Map.of("Authorization", "Bearer secret-token"),
                  null,
                  null));
      assertTrue(!v.toJson().toString().contains("secret-token"));
      assertTrue(
          !new ServerSpec(
                  "x", null, "u", Map.of("Authorization", "Bearer secret-token"), null, null)
              .toString()
              .contains("secret-token"));
    }
  }

  @Nested
  class Operations {
    McpClientManager m;

    @org.junit.jupiter.api.BeforeEach
    void connect() {
      m = local(sessionA);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listTools_returnsTheServersTools() {
      List<Map<String, Object>> tools =
          (List<Map<String, Object>>) m.listTools("alpha", null).get("tools");
      assertEquals(
          List.of("echo", "progress", "ask", "log", "block"),
          tools.stream().map(t -> t.get("name")).collect(Collectors.toList()));
    }

    @Test
    void callTool_returnsResultAndProgressToken() {
      ToolCallResult r = m.callTool("alpha", "echo", Map.of("text", "hi"));
      assertEquals("echo:hi", firstText(r.result()));
      assertNotNull(r.progressToken());
      assertEquals(r.progressToken(), r.toJson().get("progressToken"));
      assertNotEquals(r.progressToken(), m.callTool("alpha", "echo", null).progressToken());
    }

    @Test
    @SuppressWarnings("unchecked")
    void resources_listAndRead() {
      List<Map<String, Object>> resources =
          (List<Map<String, Object>>) m.listResources("alpha", null).get("resources");
      assertEquals("test://greeting", resources.get(0).get("uri"));
      List<Map<String, Object>> contents =
          (List<Map<String, Object>>) m.readResource("alpha", "test://greeting").get("contents");
      assertEquals("hello from alpha-server", contents.get(0).get("text"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void prompts_listAndGet() {
      List<Map<String, Object>> prompts =
          (List<Map<String, Object>>) m.listPrompts("alpha", null).get("prompts");
      assertEquals("greet", prompts.get(0).get("name"));
      Map<String, Object> got = m.getPrompt("alpha", "greet", Map.of("who", "Ada"));
      List<Map<String, Object>> messages = (List<Map<String, Object>>) got.get("messages");
      assertEquals(
          "Say hello to Ada", ((Map<String, Object>) messages.get(0).get("content")).get("text"));
    }

    @Test
    void ping_answersEmptyObject() {
      assertEquals(Map.of(), m.ping("alpha"));
    }

    @Test
    void unknownTool_isUpstreamFailedWithTheServersError() {
      McpManagerException e =
          fails(ProblemCode.UPSTREAM_FAILED, () -> m.callTool("alpha", "nope", Map.of()));
      assertTrue(
          e.getMessage().startsWith("server 'alpha' answered tools/call with error "),
          e.getMessage());
      assertEquals(502, e.status());
      assertEquals("upstream_failed", e.code());
    }
  }

  @Nested
  class RpcLog {
    @Test
    void recordsTheExactRequestAndResponseMessagesInOrder() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      Map<String, Object> tools = m.listTools("alpha", null);

      List<RpcEvent> events = rpc.of(sessionA, "alpha");
      List<String> shape =
          events.stream()
              .map(e -> e.direction() + " " + describe(json(e.json())))
              .collect(Collectors.toList());
      assertEquals(
          List.of(
              "SEND request server/discover",
              "SEND request initialize",
              "RECEIVE response",
              "SEND notification notifications/initialized",
              "SEND request tools/list",
              "RECEIVE response"),
          shape,
          events.toString());
      JsonNode initRequest = json(events.get(1).json());
      JsonNode initResponse = json(events.get(2).json());
      assertEquals(initRequest.get("id"), initResponse.get("id"));
      assertEquals("alpha-server", initResponse.at("/result/serverInfo/name").asText());
      JsonNode request = json(events.get(4).json());
      JsonNode response = json(events.get(5).json());
      assertEquals("2.0", request.get("jsonrpc").asText());
      assertEquals(request.get("id"), response.get("id"));
      assertEquals(JSON.valueToTree(tools), response.get("result"));
    }

    @Test
    void logNotificationsAppearBeforeTheToolResponse() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      int before = rpc.of(sessionA, "alpha").size();
      m.callTool("alpha", "log", null);
      List<RpcEvent> events = rpc.of(sessionA, "alpha");
      List<JsonNode> call =
          events.subList(before, events.size()).stream()
              .map(e -> json(e.json()))
              .collect(Collectors.toList());
      assertEquals("tools/call", call.get(0).get("method").asText());
      assertEquals("notifications/message", call.get(1).get("method").asText());
      assertEquals("log line 1", call.get(1).at("/params/data").asText());
      assertEquals("error", call.get(1).at("/params/level").asText());
      assertEquals("log line 2", call.get(2).at("/params/data").asText());
      assertEquals(call.get(0).get("id"), call.get(3).get("id"));
      assertEquals(Direction.RECEIVE, events.get(before + 1).direction());
    }

    private String describe(JsonNode n) {
      if (n.has("method")) {
        return (n.has("id") ? "request " : "notification ") + n.get("method").asText();
      }
      return "response";
    }
  }

  @Nested
  class Progress {
    /** Enough steps that out-of-order delivery (seen with the SDK's consumers) would show. */
    static final int STEPS = 25;

    @Test
    void progressIsReportedInArrivalOrderUnderTheReturnedToken() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      ToolCallResult r = m.callTool("alpha", "progress", Map.of("steps", STEPS));
      assertEquals("done " + STEPS, firstText(r.result()));
      List<ProgressReport> reports = progress.reports;
      assertEquals(STEPS, reports.size(), reports.toString());
      for (int i = 0; i < STEPS; i++) {
        ProgressReport p = reports.get(i);
        assertEquals(sessionA, p.session());
        assertEquals("alpha", p.serverId());
        assertEquals(r.progressToken(), p.token());
        assertEquals(i + 1, p.progress());
        assertEquals((double) STEPS, p.total());
        assertEquals("step " + (i + 1), p.message());
      }
      JsonNode call =
          json(
              rpc.of(sessionA, "alpha").stream()
                  .filter(e -> e.json().contains("\"tools/call\""))
                  .findFirst()
                  .orElseThrow()
                  .json());
      assertEquals(r.progressToken(), call.at("/params/_meta/progressToken").asText());
    }
  }

  @Nested
  class Elicitation {
    @Test
    void goesToTheSessionsBrokerAndTheAnswerReachesTheServer() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      ToolCallResult r = m.callTool("alpha", "ask", null);
      assertEquals("action=ACCEPT content={name=Ada}", firstText(r.result()));

      assertEquals(1, broker.calls.size());
      ElicitationCall call = broker.calls.get(0);
      assertEquals(sessionA, call.session());
      assertEquals("alpha", call.serverId());
      assertEquals("What is your name?", call.request().message());
      assertEquals(
          json("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}"),
          json(call.request().requestedSchemaJson()));

      List<JsonNode> log =
          rpc.of(sessionA, "alpha").stream().map(e -> json(e.json())).collect(Collectors.toList());
      JsonNode create =
          log.stream()
              .filter(n -> "elicitation/create".equals(n.path("method").asText()))
              .findFirst()
              .orElseThrow();
      JsonNode answer =
          log.stream()
              .filter(n -> !n.has("method") && create.get("id").equals(n.get("id")))
              .findFirst()
              .orElseThrow();
      assertEquals("accept", answer.at("/result/action").asText());
      assertEquals("Ada", answer.at("/result/content/name").asText());
      List<RpcEvent> events = rpc.of(sessionA, "alpha");
      assertEquals(Direction.SEND, events.get(log.indexOf(answer)).direction());
    }

    @Test
    void declineReachesTheServer() {
      ScriptedBroker declining =
          new ScriptedBroker(c -> CompletableFuture.completedFuture(ElicitationResponse.decline()));
      McpClientManager m =
          McpClientManager.create(
              sessionA,
              McpClientConfig.defaults(),
              OutboundPolicy.create(OutboundConfig.defaults()),
              new McpEventSinks(rpc, progress, declining));
      managers.add(m);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      assertEquals(
          "action=DECLINE content=null", firstText(m.callTool("alpha", "ask", null).result()));
    }

    @Test
    void pendingQuestionWaitsForTheUsersAnswer() throws Exception {
      CompletableFuture<ElicitationResponse> answer = new CompletableFuture<>();
      CountDownLatch asked = new CountDownLatch(1);
      ScriptedBroker waiting =
          new ScriptedBroker(
              c -> {
                asked.countDown();
                return answer;
              });
      McpClientManager m =
          McpClientManager.create(
              sessionB,
              McpClientConfig.defaults(),
              OutboundPolicy.create(OutboundConfig.defaults()),
              new McpEventSinks(rpc, progress, waiting));
      managers.add(m);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      CompletableFuture<ToolCallResult> call =
          CompletableFuture.supplyAsync(() -> m.callTool("alpha", "ask", null));
      assertTrue(asked.await(30, TimeUnit.SECONDS));
      assertTrue(!call.isDone());
      answer.complete(new ElicitationResponse(ElicitationAction.ACCEPT, "{\"name\":\"Grace\"}"));
      assertEquals(
          "action=ACCEPT content={name=Grace}", firstText(call.get(30, TimeUnit.SECONDS).result()));
      assertEquals(sessionB, waiting.calls.get(0).session());
    }
  }

  @Nested
  class Isolation {
    @Test
    void twoSessionsWithTheSameServerIdStaySeparate() {
      McpClientManager a = local(sessionA);
      McpClientManager b = local(sessionB);
      a.addServer(ServerSpec.http("srv", alpha.url()));
      b.addServer(ServerSpec.http("srv", beta.url()));

      assertEquals("alpha-server", a.server("srv").serverInfo().get("name"));
      assertEquals("beta-server", b.server("srv").serverInfo().get("name"));
      assertEquals("hello from alpha-server", readText(a.readResource("srv", "test://greeting")));
      assertEquals("hello from beta-server", readText(b.readResource("srv", "test://greeting")));

      b.callTool("srv", "ask", null);
      assertEquals(1, broker.calls.size());
      assertEquals(sessionB, broker.calls.get(0).session());

      assertTrue(rpc.of(sessionA, "srv").stream().noneMatch(e -> e.json().contains("beta-server")));
      assertTrue(
          rpc.of(sessionB, "srv").stream().noneMatch(e -> e.json().contains("alpha-server")));
      assertTrue(
          rpc.of(sessionA, "srv").stream().noneMatch(e -> e.json().contains("elicitation/create")));

      a.removeServer("srv");
      assertEquals(ServerStatus.CONNECTED, b.server("srv").status());
    }

    @SuppressWarnings("unchecked")
    private String readText(Map<String, Object> read) {
      return (String) ((List<Map<String, Object>>) read.get("contents")).get(0).get("text");
    }
  }

  @Nested
  class UpstreamFailures {
    @Test
    void serverThatNeverAnswers_isUpstreamTimeout() throws Exception {
      McpClientManager m = withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300));
      m.addServer(ServerSpec.http("slow", alpha.url()));
      McpManagerException e =
          fails(ProblemCode.UPSTREAM_TIMEOUT, () -> m.callTool("slow", "block", null));
      assertEquals("server 'slow' did not answer tools/call within PT0.3S", e.getMessage());
      assertEquals(504, e.status());
    }

    @Test
    void refusedConnection_isUpstreamFailedAndTheServerShowsFailed() throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      McpClientManager m = local(sessionA);
      McpManagerException e =
          fails(
              ProblemCode.UPSTREAM_FAILED,
              () -> m.addServer(ServerSpec.http("gone", "http://127.0.0.1:" + port + "/mcp")));
      assertTrue(
          e.getMessage().startsWith("server 'gone' failed during initialize: "), e.getMessage());
      ServerView v = m.server("gone");
      assertEquals(ServerStatus.FAILED, v.status());
      assertEquals(e.getMessage(), v.error());
      assertEquals(
          "server 'gone' is failed, not connected: " + e.getMessage(),
          fails(ProblemCode.UPSTREAM_FAILED, () -> m.ping("gone")).getMessage());
    }

    @Test
    void serverAnsweringErrors_isUpstreamFailed() throws Exception {
      TestMcpServer broken =
          TestMcpServer.startRaw(
              new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void service(HttpServletRequest req, HttpServletResponse resp)
                    throws IOException {
                  resp.sendError(500, "broken");
                }
              });
      extraServers.add(broken);
      McpClientManager m = local(sessionA);
      McpManagerException e =
          fails(
              ProblemCode.UPSTREAM_FAILED,
              () -> m.addServer(ServerSpec.http("broken", broken.url())));
      assertTrue(
          e.getMessage().startsWith("server 'broken' failed during initialize: "), e.getMessage());
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
      TestMcpServer redirecting =
          TestMcpServer.startRaw(
              new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void service(HttpServletRequest req, HttpServletResponse resp)
                    throws IOException {
                  resp.sendRedirect(alpha.url());
                }
              });
      extraServers.add(redirecting);
      McpClientManager m = local(sessionA);
      McpManagerException e =
          fails(
              ProblemCode.UPSTREAM_FAILED,
              () -> m.addServer(ServerSpec.http("moved", redirecting.url())));
      assertTrue(
          e.getMessage().startsWith("server 'moved' failed during initialize: "), e.getMessage());
      assertEquals(ServerStatus.FAILED, m.server("moved").status());
    }

    @Test
    void initializeThatNeverAnswers_isUpstreamTimeout() throws Exception {
      HangingServlet hanging = new HangingServlet();
      TestMcpServer server = TestMcpServer.startRaw(hanging);
      extraServers.add(hanging::release);
      extraServers.add(server);
      McpClientManager m = withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(30));
      McpManagerException e =
          fails(
              ProblemCode.UPSTREAM_TIMEOUT,
              () -> m.addServer(ServerSpec.http("hang", server.url())));
      assertEquals("server 'hang' did not answer initialize within PT0.3S", e.getMessage());
      assertEquals(ServerStatus.FAILED, m.server("hang").status());
    }
  }

  /** Accepts requests and holds them until released. */
  static final class HangingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    final transient CountDownLatch arrived = new CountDownLatch(1);
    private final transient CountDownLatch release = new CountDownLatch(1);

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      arrived.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      resp.sendError(503);
    }

    void release() {
      release.countDown();
    }
  }

  @Nested
  class Closing {
    @Test
    void closeDisconnectsEveryServer() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("a", alpha.url()));
      m.addServer(ServerSpec.http("b", beta.url()));
      m.close();
      assertEquals(
          List.of(ServerStatus.DISCONNECTED, ServerStatus.DISCONNECTED),
          m.listServers().stream().map(ServerView::status).collect(Collectors.toList()));
      assertEquals(
          "server 'a' is disconnected, not connected",
          fails(ProblemCode.UPSTREAM_FAILED, () -> m.ping("a")).getMessage());
      assertEquals(
          "this client manager is closed: its session ended",
          assertThrows(
                  IllegalStateException.class, () -> m.addServer(ServerSpec.http("c", alpha.url())))
              .getMessage());
      m.close();
    }

    @Test
    void closeEndsAConnectionStillBeingOpened() throws Exception {
      HangingServlet hanging = new HangingServlet();
      TestMcpServer server = TestMcpServer.startRaw(hanging);
      extraServers.add(hanging::release);
      extraServers.add(server);
      McpClientManager m = withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5));
      CompletableFuture<ServerView> connecting =
          CompletableFuture.supplyAsync(() -> m.addServer(ServerSpec.http("hang", server.url())));
      assertTrue(hanging.arrived.await(30, TimeUnit.SECONDS));
      assertEquals(ServerStatus.CONNECTING, m.server("hang").status());

      m.close();

      ExecutionException e =
          assertThrows(ExecutionException.class, () -> connecting.get(30, TimeUnit.SECONDS));
      McpManagerException cause = assertInstanceOf(McpManagerException.class, e.getCause());
      assertEquals(ProblemCode.UPSTREAM_FAILED, cause.problem());
      assertEquals("server 'hang' was disconnected while connecting", cause.getMessage());
      assertEquals(ServerStatus.DISCONNECTED, m.server("hang").status());
    }

    @Test
    void callInFlightFailsWhenTheServerIsRemoved() throws Exception {
      TestMcpServer server = TestMcpServer.start("gamma-server");
      extraServers.add(server);
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("g", server.url()));
      CompletableFuture<ToolCallResult> call =
          CompletableFuture.supplyAsync(() -> m.callTool("g", "block", null));
      assertTrue(server.blockEntered.await(30, TimeUnit.SECONDS));
      m.removeServer("g");
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
      McpManagerException cause = assertInstanceOf(McpManagerException.class, e.getCause());
      assertEquals(ProblemCode.UPSTREAM_FAILED, cause.problem());
      assertEquals("server 'g' was disconnected during tools/call", cause.getMessage());
    }

    @Test
    void removeEndsAConnectionStillBeingOpened() throws Exception {
      HangingServlet hanging = new HangingServlet();
      TestMcpServer server = TestMcpServer.startRaw(hanging);
      extraServers.add(hanging::release);
      extraServers.add(server);
      McpClientManager m = withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5));
      CompletableFuture<ServerView> connecting =
          CompletableFuture.supplyAsync(() -> m.addServer(ServerSpec.http("hang", server.url())));
      assertTrue(hanging.arrived.await(30, TimeUnit.SECONDS));
      m.removeServer("hang");
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> connecting.get(30, TimeUnit.SECONDS));
      assertEquals("server 'hang' was disconnected while connecting", e.getCause().getMessage());
      assertEquals(List.of(), m.listServers());
    }
  }

  @Nested
  class BadInput {
    @Test
    void duplicateId_isServerExists() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      McpManagerException e =
          fails(ProblemCode.SERVER_EXISTS, () -> m.addServer(ServerSpec.http("alpha", beta.url())));
      assertEquals(409, e.status());
      assertEquals(
          "server id 'alpha' is already in use in this session; remove it first or choose another"
              + " id",
          e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/", "", "ünï", "x?y"})
    void invalidIdCharacters_isBadRequest(String id) {
      McpManagerException e =
          fails(
              ProblemCode.BAD_REQUEST,
              () -> local(sessionA).addServer(ServerSpec.http(id, alpha.url())));
      assertEquals(
          "server id must match [A-Za-z0-9._-]{1,64}, but was '" + id + "'", e.getMessage());
    }

    @Test
    void tooLongId_isBadRequest() {
      fails(
          ProblemCode.BAD_REQUEST,
          () -> local(sessionA).addServer(ServerSpec.http("x".repeat(65), alpha.url())));
    }

    @Test
    void unknownServer_isServerNotFound() {
      McpClientManager m = local(sessionA);
      assertEquals(
          "no server 'nope' in this session",
          fails(ProblemCode.SERVER_NOT_FOUND, () -> m.callTool("nope", "echo", null)).getMessage());
      fails(ProblemCode.SERVER_NOT_FOUND, () -> m.removeServer("nope"));
      fails(ProblemCode.SERVER_NOT_FOUND, () -> m.server("nope"));
    }

    @Test
    void malformedUrl_isBadRequest() {
      McpManagerException e =
          fails(
              ProblemCode.BAD_REQUEST,
              () -> local(sessionA).addServer(ServerSpec.http("x", "http://exa mple/mcp")));
      assertTrue(
          e.getMessage().startsWith("url 'http://exa mple/mcp' is malformed: "), e.getMessage());
      assertEquals(
          "a streamable-http server needs a 'url'",
          fails(
                  ProblemCode.BAD_REQUEST,
                  () -> local(sessionA).addServer(ServerSpec.http("x", null)))
              .getMessage());
    }

    @Test
    void toolArgumentsNotAnObject_isBadRequest() {
      McpClientManager m = local(sessionA);
      m.addServer(ServerSpec.http("alpha", alpha.url()));
      assertEquals(
          "tool arguments must be a JSON object, but was an array",
          fails(ProblemCode.BAD_REQUEST, () -> m.callTool("alpha", "echo", List.of(1, 2)))
              .getMessage());
      assertEquals(
          "tool arguments must be a JSON object, but was a string",
          fails(ProblemCode.BAD_REQUEST, () -> m.callTool("alpha", "echo", "{}")).getMessage());
      assertEquals(
          "a tool 'name' is required",
          fails(ProblemCode.BAD_REQUEST, () -> m.callTool("alpha", " ", Map.of())).getMessage());
    }

    @Test
    void serverCap_isServerLimit() {
      McpClientManager m =
          manager(
              sessionA,
              McpClientConfig.defaults(),
              OutboundPolicy.create(OutboundConfig.builder().maxServersPerSession(1).build()));
      m.addServer(ServerSpec.http("a", alpha.url()));
      McpManagerException e =
          fails(ProblemCode.SERVER_LIMIT, () -> m.addServer(ServerSpec.http("b", beta.url())));
      assertEquals(429, e.status());
      assertEquals(
          "this session already has 1 servers, the maximum"
              + " (INSPECTOR_MAX_SERVERS_PER_SESSION=1); remove one first",
          e.getMessage());
    }

    @Test
    void hopByHopHeader_isBadRequestNamingIt() {
      McpManagerException e =
          fails(
              ProblemCode.BAD_REQUEST,
              () ->
                  local(sessionA)
                      .addServer(
                          new ServerSpec(
                              "x", null, alpha.url(), Map.of("Connection", "close"), null, null)));
      assertEquals(
          "header 'Connection' may not be set on a connection: hop-by-hop, framing, Host and"
              + " transport-managed headers are refused",
          e.getMessage());
    }

    @Test
    void fromJson_checksTypes() {
      assertEquals(
          "field 'headers' must be a JSON object of strings, but was an array",
          fails(
                  ProblemCode.BAD_REQUEST,
                  () -> ServerSpec.fromJson(Map.of("id", "x", "headers", List.of())))
              .getMessage());
      assertEquals(
          "transport must be one of streamable-http, sse, stdio, but was 'ws'",
          fails(
                  ProblemCode.BAD_REQUEST,
                  () -> ServerSpec.fromJson(Map.of("id", "x", "transport", "ws")))
              .getMessage());
      ServerSpec s =
          ServerSpec.fromJson(
              Map.of("id", "x", "transport", "stdio", "command", "node", "args", List.of("a.js")));
      assertEquals(ServerTransport.STDIO, s.transport());
      assertEquals(List.of("a.js"), s.args());
    }
  }

  @Nested
  class HostedMode {
    private final HostResolver resolver =
        host -> {
          if (host.equals("sneaky.example.com")) {
            return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
          }
          if (host.equals("public.example.com")) {
            return List.of(
                InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}));
          }
          if (host.matches("[0-9.]+") || host.contains(":")) {
            return List.of(InetAddress.getByName(host)); // literals only: no DNS
          }
          throw new UnknownHostException(host);
        };

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://public.example.com/mcp",
          "https://127.0.0.1/mcp",
          "https://169.254.169.254/latest",
          "https://[::1]/mcp",
          "https://10.0.0.1/mcp",
          "https://sneaky.example.com/mcp"
        })
    void refusedUrls_areUrlForbidden(String url) {
      McpClientManager m = hosted(McpClientManagerTest.this, resolver);
      McpManagerException e =
          fails(ProblemCode.URL_FORBIDDEN, () -> m.addServer(ServerSpec.http("x", url)));
      assertEquals(403, e.status());
      assertEquals(List.of(), m.listServers());
      assertEquals(List.of(), rpc.events, "nothing may be sent");
    }

    @Test
    void hostnameResolvingToLoopback_namesTheAddress() {
      McpClientManager m = hosted(McpClientManagerTest.this, resolver);
      assertEquals(
          "host 'sneaky.example.com' resolves to 127.0.0.1, a loopback address, which hosted mode"
              + " refuses; an operator can allow it in INSPECTOR_OUTBOUND_ALLOW",
          fails(
                  ProblemCode.URL_FORBIDDEN,
                  () -> m.addServer(ServerSpec.http("x", "https://sneaky.example.com/mcp")))
              .getMessage());
    }

    @Test
    void everyRequestIsRecheckedSoARebindingHostIsRefused() {
      // First answer: loopback, allowlisted. Every later answer: a private address. The client only
      // ever connects to the literal 127.0.0.1, so no traffic leaves the machine.
      AtomicInteger lookups = new AtomicInteger();
      HostResolver rebinding =
          host ->
              List.of(
                  InetAddress.getByAddress(
                      host,
                      lookups.getAndIncrement() == 0
                          ? new byte[] {127, 0, 0, 1}
                          : new byte[] {10, 0, 0, 5}));
      McpClientManager m = hosted(McpClientManagerTest.this, rebinding, "127.0.0.1/32");
      McpManagerException e =
          fails(ProblemCode.URL_FORBIDDEN, () -> m.addServer(ServerSpec.http("x", alpha.url())));
      assertEquals(
          "server 'x': request refused: host '127.0.0.1' resolves to 10.0.0.5, a private (RFC"
              + " 1918) address, which hosted mode refuses; an operator can allow it in"
              + " INSPECTOR_OUTBOUND_ALLOW",
          e.getMessage());
      assertTrue(
          rpc.events.stream()
              .allMatch(
                  ev ->
                      ev.json().contains("\"server/discover\"")
                          || ev.json().contains("\"initialize\"")),
          "only negotiation was attempted: " + rpc.events);
    }

    @Test
    void stdio_isTransportForbidden() {
      McpClientManager m = hosted(McpClientManagerTest.this, resolver);
      McpManagerException e =
          fails(
              ProblemCode.TRANSPORT_FORBIDDEN,
              () ->
                  m.addServer(
                      new ServerSpec("x", ServerTransport.STDIO, null, null, "/bin/true", null)));
      assertEquals(403, e.status());
      assertEquals("transport_forbidden", e.code());
    }
  }
}
