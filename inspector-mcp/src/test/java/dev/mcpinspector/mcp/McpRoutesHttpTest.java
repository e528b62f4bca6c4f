package dev.mcpinspector.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.outbound.HostResolver;
import dev.mcpinspector.core.rpc.RpcEvent;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.mcp.ApiClient.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MCP routes over real HTTP: the inspector registered with {@link McpInspector#register} in
 * Jetty 12, real MCP servers in-process, user agents with cookies and CSRF tokens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpRoutesHttpTest {

  static final String SIGNING_KEY = "c2VjcmV0LXNpZ25pbmcta2V5LXRoYXQtaXMtbG9uZy1lbm91Z2g=";
  static final String ALICE_KEY = "alice-access-key-0123456789";
  static final String BOB_KEY = "bob-access-key-0123456789";

  static TestMcpServer alpha;
  static TestMcpServer beta;

  @BeforeAll
  static void startServers() throws Exception {
    alpha = TestMcpServer.start("alpha-server");
    beta = TestMcpServer.start("beta-server");
  }

  @AfterAll
  static void stopServers() {
    alpha.close();
    beta.close();
  }

  InspectorApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  /** A hosted-mode configuration with two users, alice and bob, plus extra options. */
  static InspectorConfig hosted(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("INSPECTOR_MODE", "hosted");
    env.put("INSPECTOR_SIGNING_KEYS", SIGNING_KEY);
    env.put("INSPECTOR_ACCESS_KEYS", "alice=" + ALICE_KEY + ",bob=" + BOB_KEY);
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return InspectorConfig.from(env::get);
  }

  static Map<String, Object> server(String id, String url) {
    return Map.of("id", id, "url", url);
  }

  /** Asserts a problem response: status, code, detail, problem+json, never a stack trace. */
  static JsonNode assertProblem(Response r, int status, String code, String detail) {
    JsonNode p = assertProblem(r, status, code);
    assertEquals(detail, p.get("detail").asText());
    return p;
  }

  static JsonNode assertProblem(Response r, int status, String code) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    JsonNode p = r.json();
    assertEquals(code, p.get("code").asText(), r.body());
    assertEquals(status, p.get("status").asInt());
    assertEquals("urn:mcp-inspector:problem:" + code, p.get("type").asText());
    assertTrue(p.hasNonNull("title"), r.body());
    assertTrue(p.hasNonNull("detail"), r.body());
    assertFalse(r.body().contains("\tat "), "no stack trace: " + r.body());
    assertFalse(r.body().contains("Exception:"), "no exception text: " + r.body());
    return p;
  }

  static List<String> ids(Response servers) {
    return servers.json().get("servers").findValuesAsText("id");
  }

  static String describe(JsonNode message) {
    if (message.has("method")) {
      return (message.has("id") ? "request " : "notification ") + message.get("method").asText();
    }
    return message.has("error") ? "error" : "response";
  }

  static JsonNode json(String text) {
    try {
      return ApiClient.JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Nested
  class LocalMode {

    ApiClient user;

    void start() throws Exception {
      app =
          InspectorApp.start(
              McpInspector.create(InspectorConfig.builder().build()),
              List.of(SuggestedServer.http("demo", "http://127.0.0.1:1/mcp", "the demo server")));
      user = app.client("local-user");
    }

    @Test
    void connectListCallReadGetPingAndRemove() throws Exception {
      start();
      Response added = user.post("/api/servers", server("alpha", alpha.url()));
      assertEquals(201, added.status(), added.body());
      assertEquals("/api/servers/alpha", added.headers().firstValue("Location").orElse(null));
      JsonNode view = added.json();
      assertEquals("alpha", view.get("id").asText());
      assertEquals("connected", view.get("status").asText());
      assertEquals("streamable-http", view.get("transport").asText());
      assertEquals("alpha-server", view.at("/serverInfo/name").asText());
      assertTrue(view.get("capabilities").has("tools"), view.toString());

      Response list = user.get("/api/servers");
      assertEquals(200, list.status());
      assertEquals(List.of("alpha"), ids(list));
      JsonNode suggested = list.json().get("suggested");
      assertEquals(1, suggested.size());
      assertEquals("demo", suggested.get(0).get("id").asText());
      assertEquals("http://127.0.0.1:1/mcp", suggested.get(0).get("url").asText());
      assertEquals("streamable-http", suggested.get(0).get("transport").asText());
      assertEquals("the demo server", suggested.get(0).get("description").asText());
      assertEquals(view, user.get("/api/servers/alpha").json());

      Response tools = user.get("/api/servers/alpha/tools");
      assertEquals(200, tools.status());
      assertTrue(
          tools.json().get("tools").findValuesAsText("name").containsAll(List.of("echo", "ask")),
          tools.body());

      Response call =
          user.post(
              "/api/servers/alpha/tools/call",
              Map.of("name", "echo", "arguments", Map.of("text", "hi")));
      assertEquals(200, call.status(), call.body());
      assertEquals("echo:hi", call.json().at("/result/content/0/text").asText());
      assertFalse(call.json().at("/result/isError").asBoolean());
      assertTrue(call.json().get("progressToken").isTextual(), call.body());

      Response resources = user.get("/api/servers/alpha/resources");
      assertEquals("test://greeting", resources.json().at("/resources/0/uri").asText());
      Response read =
          user.post("/api/servers/alpha/resources/read", Map.of("uri", "test://greeting"));
      assertEquals(200, read.status(), read.body());
      assertEquals("hello from alpha-server", read.json().at("/contents/0/text").asText());

      Response prompts = user.get("/api/servers/alpha/prompts");
      assertEquals("greet", prompts.json().at("/prompts/0/name").asText());
      Response prompt =
          user.post(
              "/api/servers/alpha/prompts/get",
              Map.of("name", "greet", "arguments", Map.of("who", "Ada")));
      assertEquals(200, prompt.status(), prompt.body());
      assertEquals("Say hello to Ada", prompt.json().at("/messages/0/content/text").asText());

      Response ping = user.post("/api/servers/alpha/ping", Map.of());
      assertEquals(200, ping.status(), ping.body());
      assertEquals("{}", ping.body());

      assertEquals(204, user.delete("/api/servers/alpha").status());
      assertEquals(List.of(), ids(user.get("/api/servers")));
    }

    @Test
    void serverThatDropsItsSession_isReinitializedAndTheViewShowsIt() throws Exception {
      start();
      try (TestMcpServer flaky = TestMcpServer.start("flaky-server")) {
        user.post("/api/servers", server("flaky", flaky.url()));
        assertEquals(1, user.get("/api/servers/flaky").json().get("initializations").asInt());

        flaky.dropNextSession.set(true);
        Response first = user.post("/api/servers/flaky/ping", Map.of());
        // The 404 for the dropped session was never processed: the engine negotiates a new
        // session and sends the same request again, so the call that met it succeeds.
        assertEquals(200, first.status(), first.body());
        assertEquals(2, user.get("/api/servers/flaky").json().get("initializations").asInt());
        Response again = user.post("/api/servers/flaky/ping", Map.of());

        assertEquals(200, again.status(), again.body());
        JsonNode view = user.get("/api/servers/flaky").json();
        assertEquals("connected", view.get("status").asText());
        assertEquals(2, view.get("initializations").asInt(), view.toString());
        assertFalse(flaky.dropNextSession.get(), "the server did drop the session");
      }
    }

    @Test
    void rpcLogHoldsTheExactRequestAndResponseMessagesInOrder() throws Exception {
      start();
      user.post("/api/servers", server("alpha", alpha.url()));
      Response tools = user.get("/api/servers/alpha/tools");
      Response logged =
          user.post("/api/servers/alpha/tools/call", Map.of("name", "log", "arguments", Map.of()));
      assertEquals(200, logged.status(), logged.body());

      Response log = user.get("/api/rpc/logs?serverId=alpha&limit=100");
      assertEquals(200, log.status(), log.body());
      List<JsonNode> events = new java.util.ArrayList<>();
      log.json().get("events").forEach(events::add);
      List<String> shape =
          events.stream()
              .map(e -> e.get("direction").asText() + " " + describe(e.get("message")))
              .collect(Collectors.toList());
      assertEquals(
          List.of(
              // Negotiation tries 2026-07-28 first; this 2025 server refuses it outside JSON-RPC.
              "send request server/discover",
              "send request initialize",
              "receive response",
              "send notification notifications/initialized",
              "send request tools/list",
              "receive response",
              "send request tools/call",
              "receive notification notifications/message",
              "receive notification notifications/message",
              "receive response"),
          shape);
      JsonNode listRequest = events.get(4).get("message");
      JsonNode listResponse = events.get(5).get("message");
      assertEquals(listRequest.get("id"), listResponse.get("id"));
      assertEquals(tools.json(), listResponse.get("result"));
      JsonNode callRequest = events.get(6).get("message");
      assertEquals("log", callRequest.at("/params/name").asText());
      assertEquals(
          logged.json().get("progressToken").asText(),
          callRequest.at("/params/_meta/progressToken").asText());
      assertEquals("log line 1", events.get(7).at("/message/params/data").asText());
      assertEquals("log line 2", events.get(8).at("/message/params/data").asText());
      assertEquals(logged.json().get("result"), events.get(9).at("/message/result"));
      for (int i = 0; i < events.size(); i++) {
        assertEquals("alpha", events.get(i).get("serverId").asText());
        if (i > 0) {
          assertTrue(events.get(i - 1).get("seq").asLong() < events.get(i).get("seq").asLong());
        }
      }
      // The bus holds the very same text the server sent and received.
      List<RpcEvent> raw =
          app.inspector.rpcLog().snapshot(SessionId.LOCAL, ServerFilter.only("alpha"), 100);
      assertEquals(events.size(), raw.size());
      for (int i = 0; i < raw.size(); i++) {
        assertEquals(json(raw.get(i).message()), events.get(i).get("message"));
      }
    }

    @Test
    void progressArrivesInOrderUnderTheReturnedToken() throws Exception {
      start();
      user.post("/api/servers", server("alpha", alpha.url()));
      try (ApiClient.SseReader stream = user.stream("/api/progress/stream?serverId=alpha")) {
        Response call =
            user.post(
                "/api/servers/alpha/tools/call",
                Map.of("name", "progress", "arguments", Map.of("steps", 5)));
        assertEquals(200, call.status(), call.body());
        assertEquals("done 5", call.json().at("/result/content/0/text").asText());
        String token = call.json().get("progressToken").asText();
        for (int step = 1; step <= 5; step++) {
          JsonNode p = stream.next("progress");
          assertEquals(step, p.get("progress").asDouble(), p.toString());
          assertEquals(5.0, p.get("total").asDouble());
          assertEquals("step " + step, p.get("message").asText());
          assertEquals(token, p.get("progressToken").asText());
          assertEquals("alpha", p.get("serverId").asText());
        }
      }
      JsonNode latest = user.get("/api/progress?serverId=alpha").json().get("progress");
      assertEquals(1, latest.size(), latest.toString());
      assertEquals(5.0, latest.get(0).get("progress").asDouble());
    }
  }

  @Nested
  class HostedMode {

    ApiClient alice;
    ApiClient bob;

    void start() throws Exception {
      app =
          InspectorApp.start(McpInspector.create(hosted("INSPECTOR_OUTBOUND_ALLOW", "127.0.0.1")));
      alice = app.client("alice").login(ALICE_KEY);
      bob = app.client("bob").login(BOB_KEY);
    }

    @Test
    void withoutLogin_isUnauthenticated() throws Exception {
      start();
      ApiClient stranger = app.client("stranger");
      assertProblem(stranger.get("/api/servers"), 401, "unauthenticated");
      assertProblem(
          stranger.post("/api/servers", server("alpha", alpha.url())), 401, "unauthenticated");
    }

    @Test
    void twoUsersWithTheSameServerIdSeeOnlyTheirOwn() throws Exception {
      start();
      assertEquals(201, alice.post("/api/servers", server("s", alpha.url())).status());
      assertEquals(201, bob.post("/api/servers", server("s", beta.url())).status());

      JsonNode aliceServers = alice.get("/api/servers").json().get("servers");
      JsonNode bobServers = bob.get("/api/servers").json().get("servers");
      assertEquals(1, aliceServers.size());
      assertEquals(1, bobServers.size());
      assertEquals("alpha-server", aliceServers.at("/0/serverInfo/name").asText());
      assertEquals("beta-server", bobServers.at("/0/serverInfo/name").asText());
      Map<String, String> greeting = Map.of("uri", "test://greeting");
      assertEquals(
          "hello from alpha-server",
          alice
              .post("/api/servers/s/resources/read", greeting)
              .json()
              .at("/contents/0/text")
              .asText());
      assertEquals(
          "hello from beta-server",
          bob.post("/api/servers/s/resources/read", greeting)
              .json()
              .at("/contents/0/text")
              .asText());

      assertEquals(204, alice.delete("/api/servers/s").status());
      assertEquals(List.of(), ids(alice.get("/api/servers")));
      assertEquals(List.of("s"), ids(bob.get("/api/servers")));
      assertEquals(200, bob.post("/api/servers/s/ping", Map.of()).status());

      String aliceLog = alice.get("/api/rpc/logs?limit=1000").body();
      String bobLog = bob.get("/api/rpc/logs?limit=1000").body();
      assertTrue(aliceLog.contains("alpha-server"), aliceLog);
      assertFalse(aliceLog.contains("beta-server"), "alice sees only her server's messages");
      assertTrue(bobLog.contains("beta-server"), bobLog);
      assertFalse(bobLog.contains("alpha-server"), "bob sees only his server's messages");
    }

    @Test
    void elicitationGoesOnlyToTheOwningSessionAndTheAnswerReachesTheServer() throws Exception {
      start();
      alice.post("/api/servers", server("s", alpha.url()));
      bob.post("/api/servers", server("s", alpha.url()));
      SessionId bobScope = app.scope(bob);
      try (ApiClient.SseReader aliceStream = alice.stream("/api/elicitation/stream")) {
        CompletableFuture<Response> call =
            alice.postAsync("/api/servers/s/tools/call", Map.of("name", "ask"));
        JsonNode asked = aliceStream.next("elicitation_request");
        assertEquals("s", asked.get("serverId").asText());
        assertEquals("What is your name?", asked.get("message").asText());
        assertEquals("string", asked.at("/requestedSchema/properties/name/type").asText());
        String requestId = asked.get("requestId").asText();
        assertEquals(List.of(), app.inspector.elicitations().pending(bobScope));

        assertProblem(
            bob.post(
                "/api/elicitation/" + requestId,
                Map.of("action", "accept", "content", Map.of("name", "Mallory"))),
            404,
            "elicitation_not_found",
            "no pending elicitation request with this id");
        Response answer =
            alice.post(
                "/api/elicitation/" + requestId,
                Map.of("action", "accept", "content", Map.of("name", "Ada")));
        assertEquals(204, answer.status(), answer.body());

        Response answered = call.get(30, TimeUnit.SECONDS);
        assertEquals(200, answered.status(), answered.body());
        assertEquals(
            "action=ACCEPT content={name=Ada}",
            answered.json().at("/result/content/0/text").asText());
        JsonNode done = aliceStream.next("elicitation_complete");
        assertEquals(requestId, done.get("requestId").asText());
        assertEquals("accept", done.get("action").asText());
      }
      assertProblem(
          alice.post("/api/elicitation/" + "no-such-request", Map.of("action", "decline")),
          404,
          "elicitation_not_found",
          "no pending elicitation request with this id");
    }

    @Test
    void logoutDisconnectsEveryServerIncludingOneStillConnecting() throws Exception {
      start();
      sessionEndDisconnectsEverything(
          () -> assertEquals(204, alice.post("/api/logout", Map.of()).status()), false);
    }

    @Test
    void evictionDisconnectsEveryServerIncludingOneStillConnecting() throws Exception {
      start();
      SessionId scope = app.scope(alice);
      sessionEndDisconnectsEverything(
          () -> assertTrue(app.inspector.store().invalidate(scope)), true);
    }

    private void sessionEndDisconnectsEverything(Runnable end, boolean toldRenewed)
        throws Exception {
      McpClientManagerTest.HangingServlet hanging = new McpClientManagerTest.HangingServlet();
      try (TestMcpServer hang = TestMcpServer.startRaw(hanging)) {
        assertEquals(201, alice.post("/api/servers", server("a", alpha.url())).status());
        McpClientManager manager = app.manager(alice);
        CompletableFuture<Response> connecting =
            alice.postAsync("/api/servers", server("hang", hang.url()));
        assertTrue(hanging.arrived.await(30, TimeUnit.SECONDS), "initialize reached the server");

        end.run();

        assertProblem(
            connecting.get(30, TimeUnit.SECONDS),
            502,
            "upstream_failed",
            "server 'hang' was disconnected while connecting");
        List<ServerView> left = manager.listServers();
        assertFalse(left.isEmpty());
        for (ServerView v : left) {
          assertEquals(ServerStatus.DISCONNECTED, v.status(), v.id());
        }
        assertEquals(toldRenewed, alice.session().json().get("renewed").asBoolean());
        assertProblem(alice.get("/api/servers"), 401, "unauthenticated");
        alice.login(ALICE_KEY);
        assertEquals(List.of(), ids(alice.get("/api/servers")), "a new session starts empty");
        hanging.release();
      }
    }
  }

  @Nested
  class BadInput {

    ApiClient alice;

    void start() throws Exception {
      app =
          InspectorApp.start(
              McpInspector.create(
                  hosted(
                      "INSPECTOR_OUTBOUND_ALLOW", "127.0.0.1",
                      "INSPECTOR_MAX_SERVERS_PER_SESSION", "2")));
      alice = app.client("alice").login(ALICE_KEY);
    }

    @Test
    void duplicateId_isServerExists() throws Exception {
      start();
      alice.post("/api/servers", server("alpha", alpha.url()));
      assertProblem(
          alice.post("/api/servers", server("alpha", beta.url())),
          409,
          "server_exists",
          "server id 'alpha' is already in use in this session; remove it first or choose another"
              + " id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/id", "ümlaut", ""})
    void invalidIdCharacters_isBadRequest(String id) throws Exception {
      start();
      assertProblem(
          alice.post("/api/servers", server(id, alpha.url())),
          400,
          "bad_request",
          "server id must match [A-Za-z0-9._-]{1,64}, but was '" + id + "'");
      assertEquals(List.of(), ids(alice.get("/api/servers")));
    }

    @Test
    void unknownServer_isServerNotFound() throws Exception {
      start();
      String detail = "no server 'nope' in this session";
      assertProblem(alice.get("/api/servers/nope"), 404, "server_not_found", detail);
      assertProblem(alice.get("/api/servers/nope/tools"), 404, "server_not_found", detail);
      assertProblem(alice.delete("/api/servers/nope"), 404, "server_not_found", detail);
      assertProblem(
          alice.post("/api/servers/nope/tools/call", Map.of("name", "echo")),
          404,
          "server_not_found",
          detail);
      assertProblem(
          alice.post("/api/servers/nope/ping", Map.of()), 404, "server_not_found", detail);
    }

    @Test
    void malformedUrl_isBadRequest() throws Exception {
      start();
      JsonNode p =
          assertProblem(
              alice.post("/api/servers", server("x", "https://exa mple/mcp")), 400, "bad_request");
      assertTrue(
          p.get("detail").asText().startsWith("url 'https://exa mple/mcp' is malformed: "),
          p.toString());
      assertProblem(
          alice.post("/api/servers", Map.of("id", "x")),
          400,
          "bad_request",
          "a streamable-http server needs a 'url'");
    }

    @Test
    void unknownTransport_isBadRequest() throws Exception {
      start();
      assertProblem(
          alice.post(
              "/api/servers", Map.of("id", "x", "url", alpha.url(), "transport", "carrier-pigeon")),
          400,
          "bad_request",
          "transport must be one of streamable-http, sse, stdio, but was 'carrier-pigeon'");
    }

    @Test
    void toolArgumentsThatAreNotAnObject_isBadRequestNamingTheField() throws Exception {
      start();
      alice.post("/api/servers", server("alpha", alpha.url()));
      assertProblem(
          alice.post(
              "/api/servers/alpha/tools/call", Map.of("name", "echo", "arguments", List.of(1, 2))),
          400,
          "bad_request",
          "field 'arguments' must be a JSON object, but was an array");
      assertProblem(
          alice.post("/api/servers/alpha/tools/call", Map.of("name", "echo", "arguments", "{}")),
          400,
          "bad_request",
          "field 'arguments' must be a JSON object, but was a string");
      assertProblem(
          alice.post("/api/servers/alpha/tools/call", Map.of("name", 7)),
          400,
          "bad_request",
          "field 'name' must be a string, but was a number");
      assertProblem(
          alice.post("/api/servers/alpha/tools/call", Map.of()),
          400,
          "bad_request",
          "a tool 'name' is required");
      assertProblem(
          alice.post("/api/servers/alpha/prompts/get", Map.of("name", "greet", "arguments", 1)),
          400,
          "bad_request",
          "field 'arguments' must be a JSON object, but was a number");
    }

    @Test
    void bodyThatIsNotAnObject_isBadRequest() throws Exception {
      start();
      assertProblem(
          alice.post("/api/servers", List.of("alpha")),
          400,
          "bad_request",
          "request body must be a JSON object, but was an array");
      assertProblem(
          alice.postRaw("/api/servers", "application/json", "{\"id\":"), 400, "bad_request");
    }

    @Test
    void serverLimit_isTooManyRequests() throws Exception {
      start();
      assertEquals(201, alice.post("/api/servers", server("a", alpha.url())).status());
      assertEquals(201, alice.post("/api/servers", server("b", beta.url())).status());
      assertProblem(
          alice.post("/api/servers", server("c", alpha.url())),
          429,
          "server_limit",
          "this session already has 2 servers, the maximum"
              + " (INSPECTOR_MAX_SERVERS_PER_SESSION=2); remove one first");
    }

    @Test
    void serverThatRefuses_isBadGatewayAndShowsFailed() throws Exception {
      start();
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      JsonNode p =
          assertProblem(
              alice.post("/api/servers", server("gone", "http://127.0.0.1:" + port + "/mcp")),
              502,
              "upstream_failed");
      String detail = p.get("detail").asText();
      assertTrue(detail.startsWith("server 'gone' failed during initialize: "), detail);
      assertFalse(detail.endsWith(": ClosedChannelException"), "says what happened: " + detail);
      JsonNode listed = alice.get("/api/servers").json().at("/servers/0");
      assertEquals("failed", listed.get("status").asText());
      assertEquals(detail, listed.get("error").asText());
    }
  }

  @Nested
  class UpstreamTimeout {
    @Test
    void serverThatNeverAnswers_isGatewayTimeout() throws Exception {
      app =
          InspectorApp.start(
              McpInspector.builder(InspectorConfig.builder().build())
                  .clientConfig(
                      McpClientConfig.builder()
                          .requestTimeout(java.time.Duration.ofMillis(300))
                          .build())
                  .build());
      ApiClient user = app.client("local-user");
      assertEquals(201, user.post("/api/servers", server("slow", alpha.url())).status());
      assertProblem(
          user.post("/api/servers/slow/tools/call", Map.of("name", "block")),
          504,
          "upstream_timeout",
          "server 'slow' did not answer tools/call within PT0.3S");
      assertEquals(200, user.post("/api/servers/slow/ping", Map.of()).status(), "still usable");
    }

    @Test
    void initializeThatNeverAnswers_isGatewayTimeout() throws Exception {
      app =
          InspectorApp.start(
              McpInspector.builder(InspectorConfig.builder().build())
                  .clientConfig(
                      McpClientConfig.builder()
                          .connectTimeout(java.time.Duration.ofMillis(300))
                          .build())
                  .build());
      McpClientManagerTest.HangingServlet hanging = new McpClientManagerTest.HangingServlet();
      try (TestMcpServer hang = TestMcpServer.startRaw(hanging)) {
        ApiClient user = app.client("local-user");
        assertProblem(
            user.post("/api/servers", server("hang", hang.url())),
            504,
            "upstream_timeout",
            "server 'hang' did not answer initialize within PT0.3S");
        assertEquals("failed", user.get("/api/servers").json().at("/servers/0/status").asText());
        hanging.release();
      }
    }
  }

  @Nested
  class OutboundPolicy {

    ApiClient alice;

    void start() throws Exception {
      HostResolver resolver =
          host ->
              switch (host) {
                case "loopback.test" ->
                    List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
                case "public.test" ->
                    List.of(
                        InetAddress.getByAddress(
                            host, new byte[] {93, (byte) 184, (byte) 216, 34}));
                default -> HostResolver.system().resolve(host);
              };
      app = InspectorApp.start(McpInspector.builder(hosted()).hostResolver(resolver).build());
      alice = app.client("alice").login(ALICE_KEY);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://public.test/mcp",
          "https://127.0.0.1/mcp",
          "https://169.254.169.254/latest/meta-data",
          "https://[::1]/mcp",
          "https://10.0.0.1/mcp",
          "https://loopback.test/mcp"
        })
    void refusedUrls_areUrlForbidden(String url) throws Exception {
      start();
      assertProblem(alice.post("/api/servers", server("x", url)), 403, "url_forbidden");
      assertEquals(List.of(), ids(alice.get("/api/servers")));
      assertEquals(
          List.of(),
          app.inspector.rpcLog().snapshot(app.scope(alice), ServerFilter.all(), 100),
          "nothing was sent");
    }

    @Test
    void hostnameResolvingToLoopback_saysWhy() throws Exception {
      start();
      assertProblem(
          alice.post("/api/servers", server("x", "https://loopback.test/mcp")),
          403,
          "url_forbidden",
          "host 'loopback.test' resolves to 127.0.0.1, a loopback address, which hosted mode"
              + " refuses; an operator can allow it in INSPECTOR_OUTBOUND_ALLOW");
    }

    @Test
    void stdio_isTransportForbidden() throws Exception {
      start();
      JsonNode p =
          assertProblem(
              alice.post(
                  "/api/servers",
                  Map.of(
                      "id", "local", "transport", "stdio", "command", "java", "args", List.of())),
              403,
              "transport_forbidden");
      assertNotNull(p.get("detail").asText());
      assertEquals(List.of(), ids(alice.get("/api/servers")));
    }
  }
}
