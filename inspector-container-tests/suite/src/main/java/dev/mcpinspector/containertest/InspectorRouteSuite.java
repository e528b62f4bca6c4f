package dev.mcpinspector.containertest;

import static dev.mcpinspector.containertest.Browser.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationRequest;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.servlet.ApiConfig;
import dev.mcpinspector.servlet.InspectorServlets;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real inspector over real HTTP: an {@link Inspector} in hosted mode registered with {@link
 * InspectorServlets#register} (session routes and event routes), users who log in with access keys,
 * and events published straight into the inspector's event plane under each user's session scope
 * (learned from the manager factory). Two contexts: the root with the default cookie policy, and
 * {@code /secure} with {@code Secure} always and {@code Partitioned}.
 *
 * <p>A container module adds one subclass that says how to start its container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InspectorRouteSuite {

  static final Duration WAIT = Browser.WAIT;
  static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}";
  static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "frank");
  static final String ADMIN = "root";

  private final ObjectMapper mapper = new ObjectMapper();
  private EmbeddedContainer container;
  private Inspector<RecordingManager> inspector;
  private Inspector<RecordingManager> secureInspector;
  private final Map<String, SessionId> scopes = new ConcurrentHashMap<>();
  private HttpClient http;
  private URI base;

  /** The manager of one session; records nothing but its scope. */
  record RecordingManager(SessionId scope) implements AutoCloseable {
    @Override
    public void close() {}
  }

  /**
   * Returns a new, unstarted container.
   *
   * @return the container under test
   */
  protected abstract EmbeddedContainer newContainer();

  static String key(String user) {
    return user + "-access-key-0123456789";
  }

  private Inspector<RecordingManager> newInspector(boolean secure) {
    StringBuilder keys = new StringBuilder(ADMIN + "=" + key(ADMIN));
    USERS.forEach(u -> keys.append(',').append(u).append('=').append(key(u)));
    byte[] signing = new byte[32];
    signing[0] = (byte) (secure ? 2 : 1);
    InspectorConfig.Builder config =
        InspectorConfig.builder()
            .mode(Mode.HOSTED)
            .signingKeys(List.of(Base64.getEncoder().encodeToString(signing)))
            .accessKeys(keys.toString())
            .admins(List.of(ADMIN))
            .maxSessionsPerPrincipal(50);
    if (secure) {
      config.cookieSecure("always").cookiePartitioned(true);
    }
    return Inspector.builder(
            config.build(),
            ctx ->
                (session, principal) -> {
                  if (!secure) {
                    scopes.put(principal.subject(), session);
                  }
                  return new RecordingManager(session);
                })
        .build();
  }

  private static ServletContainerInitializer registration(Inspector<?> inspector) {
    ApiConfig api = ApiConfig.builder().heartbeatInterval(Duration.ofMillis(100)).build();
    return (classes, ctx) ->
        InspectorServlets.register(
            ctx, inspector, api, InspectorServlets.webSecurityConfig(inspector.config()));
  }

  @BeforeAll
  void startContainer() throws Exception {
    inspector = newInspector(false);
    secureInspector = newInspector(true);
    Map<String, ServletContainerInitializer> contexts = new LinkedHashMap<>();
    contexts.put("", registration(inspector));
    contexts.put("/secure", registration(secureInspector));
    container = newContainer();
    base = container.start(contexts);
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  void stopContainer() throws Exception {
    try {
      if (container != null) {
        container.stop();
      }
    } finally {
      if (inspector != null) {
        inspector.close();
      }
      if (secureInspector != null) {
        secureInspector.close();
      }
    }
  }

  /** A logged-in browser of the root context whose session scope is known. */
  private Browser loggedIn(String user) throws Exception {
    Browser b = new Browser(http, base);
    b.login(key(user));
    // The first leased request creates the manager, which tells the scope.
    scopes.remove(user);
    assertEquals(200, b.get("/api/rpc/logs").statusCode());
    assertNotNull(scopes.get(user), "the manager factory saw no session for " + user);
    return b;
  }

  private SessionId scope(String user) {
    return scopes.get(user);
  }

  private static boolean await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    return condition.getAsBoolean();
  }

  private JsonNode data(SseClient.Event e) throws Exception {
    assertNotNull(e, "no event arrived in time");
    return mapper.readTree(e.data());
  }

  private static String rpc(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code, String detail)
      throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    assertEquals(code, json(r).path("code").asText());
    assertEquals(detail, json(r).path("detail").asText());
  }

  @Nested
  class Cookies {
    private final Pattern plain =
        Pattern.compile("inspector=[A-Za-z0-9_.-]+; Path=/; HttpOnly; SameSite=Lax");

    @Test
    void loginSetsHttpOnlyLaxCookieAndLogoutExpiresIt() throws Exception {
      Browser b = new Browser(http, base);
      HttpResponse<String> login = b.login(key("alice"));
      List<String> raw = b.lastSetCookies();
      assertEquals(1, raw.size(), raw.toString());
      assertTrue(plain.matcher(raw.get(0)).matches(), raw.get(0));
      assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(""));
      assertEquals(204, b.postEmpty("/api/logout").statusCode());
      assertEquals(
          List.of(
              "inspector=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"
                  + " HttpOnly; SameSite=Lax"),
          b.lastSetCookies());
    }

    @Test
    void partitionedSecureCookieIsWrittenVerbatim() throws Exception {
      Browser b = new Browser(http, URI.create(base + "/secure"));
      b.login(key("alice"));
      List<String> raw = b.lastSetCookies();
      assertEquals(1, raw.size(), raw.toString());
      assertTrue(
          Pattern.compile(
                  "__Host-inspector=[A-Za-z0-9_.-]+; Path=/; Secure; HttpOnly; SameSite=Lax;"
                      + " Partitioned")
              .matcher(raw.get(0))
              .matches(),
          raw.get(0));
    }

    @Test
    void eventRoutesNeedALogin() throws Exception {
      Browser anonymous = new Browser(http, base);
      assertEquals(401, anonymous.get("/api/rpc/logs").statusCode());
      assertEquals(401, anonymous.get("/api/rpc/stream").statusCode());
    }
  }

  @Nested
  class RpcLog {
    @Test
    void logsReturnEmbeddedMessagesOldestFirst() throws Exception {
      Browser b = loggedIn("bob");
      SessionId s = scope("bob");
      for (int i = 1; i <= 3; i++) {
        inspector.rpcLog().publish(s, "srv", Direction.SEND, rpc(i));
      }
      HttpResponse<String> r = b.get("/api/rpc/logs?limit=2");
      assertEquals(200, r.statusCode());
      JsonNode events = json(r).path("events");
      assertEquals(2, events.size());
      assertEquals(2, events.get(0).path("message").path("id").asInt());
      assertEquals(3, events.get(1).path("seq").asLong());
      assertEquals("send", events.get(1).path("direction").asText());
      assertEquals("srv", events.get(1).path("serverId").asText());
      assertFalse(r.body().contains(s.value()));
      assertEquals(400, b.get("/api/rpc/logs?limit=0").statusCode());
    }

    @Test
    void streamResumesAfterLastEventId() throws Exception {
      Browser b = loggedIn("carol");
      SessionId s = scope("carol");
      String lastId;
      try (SseClient c = b.stream("/api/rpc/stream", Map.of())) {
        assertEquals(200, c.head().statusCode());
        inspector.rpcLog().publish(s, "srv", Direction.SEND, rpc(1));
        inspector.rpcLog().publish(s, "srv", Direction.RECEIVE, rpc(1));
        SseClient.Event first = c.nextEvent(WAIT);
        assertEquals("rpc", first.event());
        lastId = first.id();
        assertEquals(1, data(first).path("message").path("id").asInt());
        assertEquals("receive", data(c.nextEvent(WAIT)).path("direction").asText());
      }
      inspector.rpcLog().publish(s, "srv", Direction.SEND, rpc(2));
      try (SseClient c = b.stream("/api/rpc/stream", Map.of("Last-Event-ID", lastId))) {
        SseClient.Event resumed = c.nextEvent(WAIT);
        assertEquals(Long.parseLong(lastId) + 1, Long.parseLong(resumed.id()));
        assertEquals("receive", data(resumed).path("direction").asText());
        assertEquals(2, data(c.nextEvent(WAIT)).path("message").path("id").asInt());
      }
      try (SseClient c = b.stream("/api/rpc/stream?replay=false", Map.of())) {
        inspector.rpcLog().publish(s, "srv", Direction.SEND, rpc(3));
        assertEquals(3, data(c.nextEvent(WAIT)).path("message").path("id").asInt());
      }
    }

    @Test
    void hangUpReleasesLeaseAndSubscription() throws Exception {
      Browser b = loggedIn("dave");
      SessionId s = scope("dave");
      // Streams of earlier tests end once their hang-up is noticed; the count is global.
      assertTrue(await(() -> inspector.rpcLog().stats().subscribers() == 0));
      SseClient c = b.stream("/api/rpc/stream", Map.of());
      assertEquals(200, c.head().statusCode());
      assertTrue(await(() -> inspector.store().isLeased(s)));
      assertEquals(1, inspector.rpcLog().stats().subscribers());
      c.close();
      assertTrue(
          await(() -> !inspector.store().isLeased(s)), "the stream's lease was not released");
      assertTrue(
          await(() -> inspector.rpcLog().stats().subscribers() == 0),
          "the subscription was not closed");
    }

    @Test
    void logoutEndsTheUsersOpenStreams() throws Exception {
      Browser b = loggedIn("erin");
      Browser other = loggedIn("frank");
      try (SseClient rpc = b.stream("/api/rpc/stream", Map.of());
          SseClient progress = b.stream("/api/progress/stream", Map.of());
          SseClient elicitation = b.stream("/api/elicitation/stream", Map.of());
          SseClient others = other.stream("/api/rpc/stream", Map.of())) {
        assertEquals(200, elicitation.head().statusCode());
        assertEquals(204, b.postEmpty("/api/logout").statusCode());
        assertNotNull(rpc.awaitEnd(WAIT), "rpc stream still open after logout");
        assertNotNull(progress.awaitEnd(WAIT), "progress stream still open after logout");
        assertNotNull(elicitation.awaitEnd(WAIT), "elicitation stream still open after logout");
        inspector.rpcLog().publish(scope("frank"), "srv", Direction.SEND, rpc(9));
        assertEquals(9, data(others.nextEvent(WAIT)).path("message").path("id").asInt());
      }
    }
  }

  @Nested
  class Progress {
    @Test
    void snapshotAndStream() throws Exception {
      Browser b = loggedIn("alice");
      SessionId s = scope("alice");
      inspector.progress().report(s, "srv", "tok", 1, 4.0, "one");
      JsonNode list = json(b.get("/api/progress")).path("progress");
      assertEquals(1, list.size());
      assertEquals("tok", list.get(0).path("progressToken").asText());
      assertEquals(4.0, list.get(0).path("total").asDouble());
      try (SseClient c = b.stream("/api/progress/stream", Map.of())) {
        SseClient.Event current = c.nextEvent(WAIT);
        assertEquals("progress", current.event());
        assertEquals("one", data(current).path("message").asText());
        inspector.progress().report(s, "srv", "tok", 2, 4.0, "two");
        assertEquals(2.0, data(c.nextEvent(WAIT)).path("progress").asDouble());
      }
    }
  }

  @Nested
  class Elicitation {
    @Test
    void ownerAnswerReachesTheServerAndOthersGet404() throws Exception {
      Browser owner = loggedIn("bob");
      Browser intruder = loggedIn("carol");
      try (SseClient c = owner.stream("/api/elicitation/stream", Map.of())) {
        assertEquals(200, c.head().statusCode());
        CompletableFuture<ElicitationResponse> answer =
            inspector
                .elicitations()
                .request(scope("bob"), "srv", new ElicitationRequest("Name?", SCHEMA));
        SseClient.Event request = c.nextEvent(WAIT);
        assertEquals("elicitation_request", request.event());
        JsonNode body = data(request);
        assertEquals("object", body.path("requestedSchema").path("type").asText());
        assertEquals("Name?", body.path("message").asText());
        String path = "/api/elicitation/" + body.path("requestId").asText();
        String accept = "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}";

        HttpResponse<String> foreign = intruder.post(path, accept);
        assertProblem(
            foreign, 404, "elicitation_not_found", "no pending elicitation request with this id");
        assertFalse(answer.isDone());
        assertProblem(
            owner.post(path, "{\"action\":\"accept\"}"),
            400,
            "bad_request",
            "field 'content' must be a JSON object when action is accept, but was absent");
        assertProblem(
            owner.post(path, "{\"action\":\"later\"}"),
            400,
            "bad_request",
            "field 'action' must be one of [accept, decline, cancel], but was 'later'");

        assertEquals(204, owner.post(path, accept).statusCode());
        ElicitationResponse got = answer.get(10, TimeUnit.SECONDS);
        assertEquals(ElicitationAction.ACCEPT, got.action());
        assertEquals("{\"name\":\"Ada\"}", got.contentJson());
        SseClient.Event done = c.nextEvent(WAIT);
        assertEquals("elicitation_complete", done.event());
        assertEquals("accept", data(done).path("action").asText());
        assertEquals(foreign.body(), owner.post(path, accept).body());
      }
    }
  }

  @Nested
  class Isolation {
    @Test
    void identicallyNamedServersStaySeparateOnAllThreeStreams() throws Exception {
      Browser a = loggedIn("dave");
      Browser b = loggedIn("erin");
      SessionId sa = scope("dave");
      SessionId sb = scope("erin");
      try (SseClient ra = a.stream("/api/rpc/stream", Map.of());
          SseClient rb = b.stream("/api/rpc/stream", Map.of());
          SseClient pa = a.stream("/api/progress/stream", Map.of());
          SseClient pb = b.stream("/api/progress/stream", Map.of());
          SseClient ea = a.stream("/api/elicitation/stream", Map.of());
          SseClient eb = b.stream("/api/elicitation/stream", Map.of())) {
        assertEquals(200, eb.head().statusCode());
        for (String who : List.of("a", "b")) {
          SessionId s = who.equals("a") ? sa : sb;
          inspector.rpcLog().publish(s, "same", Direction.SEND, "{\"who\":\"" + who + "\"}");
          inspector.progress().report(s, "same", "t", 1, null, who);
          inspector.elicitations().request(s, "same", new ElicitationRequest(who, SCHEMA));
        }
        // One more event per user: had a foreign event been delivered, it would come first.
        inspector.rpcLog().publish(sa, "same", Direction.SEND, "{\"who\":\"a2\"}");
        inspector.rpcLog().publish(sb, "same", Direction.SEND, "{\"who\":\"b2\"}");
        assertEquals("a", data(ra.nextEvent(WAIT)).path("message").path("who").asText());
        assertEquals("a2", data(ra.nextEvent(WAIT)).path("message").path("who").asText());
        assertEquals("b", data(rb.nextEvent(WAIT)).path("message").path("who").asText());
        assertEquals("b2", data(rb.nextEvent(WAIT)).path("message").path("who").asText());
        assertEquals("a", data(pa.nextEvent(WAIT)).path("message").asText());
        assertEquals("b", data(pb.nextEvent(WAIT)).path("message").asText());
        assertEquals("a", data(ea.nextEvent(WAIT)).path("message").asText());
        assertEquals("b", data(eb.nextEvent(WAIT)).path("message").asText());
        assertEquals(2, json(a.get("/api/rpc/logs?serverId=same")).path("events").size());
      }
    }
  }

  @Nested
  class AdminStats {
    @Test
    void adminSeesFiguresOthersGet403() throws Exception {
      Browser admin = loggedIn(ADMIN);
      HttpResponse<String> r = admin.get("/api/admin/stats");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = json(r);
      assertEquals("hosted", body.path("mode").asText());
      assertTrue(body.path("store").path("liveSessions").asInt() >= 1);
      assertTrue(body.path("rpcLog").has("publishedEvents"));
      assertFalse(r.body().contains(scope(ADMIN).value()));
      assertProblem(
          loggedIn("alice").get("/api/admin/stats"),
          403,
          "forbidden",
          "the statistics need the 'admin' role (see INSPECTOR_ADMINS)");
    }

    @Test
    void healthNeedsNoLogin() throws Exception {
      HttpResponse<String> r = new Browser(http, base).get("/api/health");
      assertEquals(200, r.statusCode());
      assertEquals("UP", json(r).path("status").asText());
      assertNull(r.headers().firstValue("Set-Cookie").orElse(null));
    }
  }
}
