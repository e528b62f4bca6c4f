package dev.mcpinspector.servlet.events;

import static dev.mcpinspector.servlet.events.EventServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationRequest;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The event routes over real HTTP on embedded Jetty, in hosted mode. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRoutesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}";

  private final ObjectMapper mapper = new ObjectMapper();
  private EventServer server;
  private HttpClient http;

  @BeforeAll
  void start() throws Exception {
    server = new EventServer(Mode.HOSTED);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  private URI uri(String path) {
    return server.base.resolve(path);
  }

  private HttpResponse<String> get(String user, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header(TestInspectorFilter.USER, user)
            .timeout(WAIT)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String user, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header(TestInspectorFilter.USER, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(WAIT)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private SseTestClient stream(String user, String path, Map<String, String> headers)
      throws Exception {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put(TestInspectorFilter.USER, user);
    SseTestClient client = SseTestClient.open(http, uri(path), all);
    assertEquals(200, client.head().statusCode());
    return client;
  }

  private JsonNode json(HttpResponse<String> r) throws Exception {
    return mapper.readTree(r.body());
  }

  private JsonNode data(SseTestClient.Frame f) throws Exception {
    return mapper.readTree(f.data());
  }

  private void assertProblem(HttpResponse<String> r, int status, String code, String detail)
      throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = json(r);
    assertEquals(code, body.path("code").asText());
    assertEquals(detail, body.path("detail").asText());
  }

  private static String rpc(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
  }

  @Nested
  class RpcLogs {
    @Test
    void returnsNewestEventsOldestFirstWithEmbeddedMessages() throws Exception {
      SessionId s = server.open("logs-1");
      for (int i = 1; i <= 4; i++) {
        server
            .inspector
            .rpcLog()
            .publish(s, "alpha", i % 2 == 0 ? Direction.RECEIVE : Direction.SEND, rpc(i));
      }
      HttpResponse<String> r = get("logs-1", "/api/rpc/logs?limit=2");
      assertEquals(200, r.statusCode());
      JsonNode events = json(r).path("events");
      assertEquals(2, events.size());
      assertEquals(3, events.get(0).path("seq").asLong());
      assertEquals(4, events.get(1).path("seq").asLong());
      JsonNode first = events.get(0);
      assertEquals("alpha", first.path("serverId").asText());
      assertEquals("send", first.path("direction").asText());
      assertTrue(first.path("timestamp").asText().endsWith("Z"), first.toString());
      assertTrue(first.path("message").isObject(), first.toString());
      assertEquals(3, first.path("message").path("id").asInt());
      assertFalse(first.has("truncated"));
      assertFalse(r.body().contains(s.value()));
    }

    @Test
    void defaultLimitAndServerFilter() throws Exception {
      SessionId s = server.open("logs-2");
      server.inspector.rpcLog().publish(s, "alpha", Direction.SEND, rpc(1));
      server.inspector.rpcLog().publish(s, "beta", Direction.SEND, rpc(2));
      JsonNode all = json(get("logs-2", "/api/rpc/logs")).path("events");
      assertEquals(2, all.size());
      JsonNode beta = json(get("logs-2", "/api/rpc/logs?serverId=beta")).path("events");
      assertEquals(1, beta.size());
      assertEquals("beta", beta.get(0).path("serverId").asText());
    }

    @Test
    void truncatedAndInvalidMessagesAreSentAsStrings() throws Exception {
      SessionId s = server.open("logs-3");
      server.inspector.rpcLog().publish(s, "alpha", Direction.RECEIVE, "not json {");
      server
          .inspector
          .rpcLog()
          .publish(s, "alpha", Direction.RECEIVE, "{\"big\":\"" + "x".repeat(300 * 1024) + "\"}");
      JsonNode events = json(get("logs-3", "/api/rpc/logs")).path("events");
      assertEquals(2, events.size());
      assertEquals("not json {", events.get(0).path("message").asText());
      assertFalse(events.get(0).has("truncated"));
      assertTrue(events.get(1).path("message").isTextual());
      assertTrue(events.get(1).path("message").asText().startsWith("{\"big\":\"xxx"));
      assertTrue(events.get(1).path("truncated").asBoolean());
    }

    @Test
    void almostJsonIsSentAsString() throws Exception {
      SessionId s = server.open("logs-5");
      List<String> broken =
          List.of("{\"a\":1", "{\"a\":}", "{\"a\":1}}", "{\"a\":1} x", "", "[1,]");
      // One server per event: each server's ring holds only RPC_CAPACITY events.
      for (int i = 0; i < broken.size(); i++) {
        server.inspector.rpcLog().publish(s, "s" + i, Direction.RECEIVE, broken.get(i));
      }
      server.inspector.rpcLog().publish(s, "valid", Direction.RECEIVE, " [1, {\"b\": null}] ");
      JsonNode events = json(get("logs-5", "/api/rpc/logs")).path("events");
      assertEquals(broken.size() + 1, events.size());
      for (int i = 0; i < broken.size(); i++) {
        assertEquals(broken.get(i), events.get(i).path("message").asText(), "event " + i);
        assertTrue(events.get(i).path("message").isTextual(), "event " + i);
      }
      assertTrue(events.get(broken.size()).path("message").isArray());
    }

    @Test
    void limitOutOfRangeIs400() throws Exception {
      server.open("logs-4");
      HttpResponse<String> zero = get("logs-4", "/api/rpc/logs?limit=0");
      assertEquals(400, zero.statusCode());
      assertEquals("bad_request", json(zero).path("code").asText());
      assertTrue(json(zero).path("detail").asText().contains("limit"), zero.body());
      assertEquals(400, get("logs-4", "/api/rpc/logs?limit=1001").statusCode());
      assertEquals(200, get("logs-4", "/api/rpc/logs?limit=1000").statusCode());
    }
  }

  @Nested
  class RpcStream {
    @Test
    void replaysRetainedThenDeliversLive() throws Exception {
      SessionId s = server.open("stream-1");
      server.inspector.rpcLog().publish(s, "alpha", Direction.SEND, rpc(1));
      try (SseTestClient c = stream("stream-1", "/api/rpc/stream", Map.of())) {
        assertEquals(
            "text/event-stream",
            c.head().headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("no-store", c.head().headers().firstValue("Cache-Control").orElse(""));
        SseTestClient.Frame first = c.nextEvent(WAIT);
        assertNotNull(first);
        assertEquals("rpc", first.event());
        assertEquals("1", first.id());
        assertEquals(1, data(first).path("message").path("id").asInt());
        server.inspector.rpcLog().publish(s, "alpha", Direction.RECEIVE, rpc(2));
        SseTestClient.Frame second = c.nextEvent(WAIT);
        assertEquals("2", second.id());
        assertEquals("receive", data(second).path("direction").asText());
        assertEquals(2, data(second).path("seq").asLong());
      }
    }

    @Test
    void replayFalseSendsOnlyNewEvents() throws Exception {
      SessionId s = server.open("stream-2");
      server.inspector.rpcLog().publish(s, "alpha", Direction.SEND, rpc(1));
      try (SseTestClient c = stream("stream-2", "/api/rpc/stream?replay=false", Map.of())) {
        // The subscription exists once the response head arrived: the next event is the new one.
        server.inspector.rpcLog().publish(s, "alpha", Direction.SEND, rpc(2));
        assertEquals("2", c.nextEvent(WAIT).id());
      }
    }

    @Test
    void resumesAfterLastEventId() throws Exception {
      SessionId s = server.open("stream-3");
      for (int i = 1; i <= 3; i++) {
        server.inspector.rpcLog().publish(s, "alpha", Direction.SEND, rpc(i));
      }
      try (SseTestClient c = stream("stream-3", "/api/rpc/stream", Map.of("Last-Event-ID", "2"))) {
        assertEquals("3", c.nextEvent(WAIT).id());
      }
    }

    @Test
    void lostEventsAreAnnouncedAsGap() throws Exception {
      SessionId s = server.open("stream-4");
      for (int i = 1; i <= EventServer.RPC_CAPACITY + 3; i++) {
        server.inspector.rpcLog().publish(s, "alpha", Direction.SEND, rpc(i));
      }
      try (SseTestClient c = stream("stream-4", "/api/rpc/stream", Map.of("Last-Event-ID", "1"))) {
        SseTestClient.Frame gap = c.nextEvent(WAIT);
        assertEquals("gap", gap.event());
        assertEquals("{\"from\":2,\"to\":3}", gap.data());
        assertEquals("3", gap.id());
        assertEquals("4", c.nextEvent(WAIT).id());
      }
    }

    @Test
    void badReplayValueIs400() throws Exception {
      server.open("stream-5");
      assertProblem(
          get("stream-5", "/api/rpc/stream?replay=maybe"),
          400,
          "bad_request",
          "query parameter 'replay' must be true or false, but was 'maybe'");
    }

    @Test
    void sessionEndClosesTheStream() throws Exception {
      SessionId s = server.open("stream-6");
      try (SseTestClient rpc = stream("stream-6", "/api/rpc/stream", Map.of());
          SseTestClient progress = stream("stream-6", "/api/progress/stream", Map.of());
          SseTestClient elicitation = stream("stream-6", "/api/elicitation/stream", Map.of())) {
        assertTrue(server.inspector.store().invalidate(s));
        assertTrue(rpc.awaitEnd(WAIT));
        assertTrue(progress.awaitEnd(WAIT));
        assertTrue(elicitation.awaitEnd(WAIT));
      }
    }

    @Test
    void seventeenthStreamOfASessionIs429() throws Exception {
      server.open("stream-8");
      List<SseTestClient> open = new ArrayList<>();
      try {
        for (int i = 0; i < 16; i++) {
          open.add(stream("stream-8", "/api/rpc/stream", Map.of()));
        }
        assertProblem(
            get("stream-8", "/api/rpc/stream"),
            429,
            "rate_limited",
            "too many open RPC log streams: the session already has 16 open subscriptions"
                + " (maxSubscribersPerSession); close one first");
      } finally {
        open.forEach(SseTestClient::close);
      }
    }

    @Test
    void hangUpReleasesLeaseAndSubscription() throws Exception {
      SessionId s = server.open("stream-7");
      // Streams of earlier tests end once their hang-up is noticed; the count is global.
      assertTrue(await(() -> server.inspector.rpcLog().stats().subscribers() == 0));
      int before = 0;
      SseTestClient c = stream("stream-7", "/api/rpc/stream", Map.of());
      assertTrue(await(() -> server.inspector.store().isLeased(s)));
      assertEquals(before + 1, server.inspector.rpcLog().stats().subscribers());
      c.close();
      assertTrue(await(() -> !server.inspector.store().isLeased(s)), "lease still held");
      assertTrue(
          await(() -> server.inspector.rpcLog().stats().subscribers() == before),
          "subscription still open");
    }
  }

  @Nested
  class Progress {
    @Test
    void snapshotAndStream() throws Exception {
      SessionId s = server.open("progress-1");
      server.inspector.progress().report(s, "alpha", "tok-1", 1, 10.0, "starting");
      server.inspector.progress().report(s, "beta", "tok-2", 5, null, null);
      JsonNode list = json(get("progress-1", "/api/progress?serverId=alpha")).path("progress");
      assertEquals(1, list.size());
      JsonNode p = list.get(0);
      assertEquals("alpha", p.path("serverId").asText());
      assertEquals("tok-1", p.path("progressToken").asText());
      assertEquals(1.0, p.path("progress").asDouble());
      assertEquals(10.0, p.path("total").asDouble());
      assertEquals("starting", p.path("message").asText());
      assertTrue(p.path("timestamp").isTextual());
      assertEquals(2, json(get("progress-1", "/api/progress")).path("progress").size());
      try (SseTestClient c = stream("progress-1", "/api/progress/stream", Map.of())) {
        List<String> tokens = new ArrayList<>();
        tokens.add(data(c.nextEvent(WAIT)).path("progressToken").asText());
        tokens.add(data(c.nextEvent(WAIT)).path("progressToken").asText());
        assertEquals(List.of("tok-1", "tok-2"), tokens);
        server.inspector.progress().report(s, "alpha", "tok-1", 7, 10.0, "later");
        SseTestClient.Frame live = c.nextEvent(WAIT);
        assertEquals("progress", live.event());
        assertEquals(7.0, data(live).path("progress").asDouble());
        assertTrue(data(live).path("total").isNumber());
      }
    }
  }

  @Nested
  class Elicitation {
    @Test
    void ownerAnswersAndOthersGet404() throws Exception {
      SessionId owner = server.open("eli-owner");
      server.open("eli-other");
      try (SseTestClient c = stream("eli-owner", "/api/elicitation/stream", Map.of())) {
        CompletableFuture<ElicitationResponse> future =
            server
                .inspector
                .elicitations()
                .request(owner, "alpha", new ElicitationRequest("Your name?", SCHEMA));
        SseTestClient.Frame req = c.nextEvent(WAIT);
        assertEquals("elicitation_request", req.event());
        JsonNode body = data(req);
        String id = body.path("requestId").asText();
        assertEquals("alpha", body.path("serverId").asText());
        assertEquals("Your name?", body.path("message").asText());
        assertEquals("object", body.path("requestedSchema").path("type").asText());
        assertTrue(body.path("timestamp").isTextual());
        assertTrue(body.path("expiresAt").isTextual());

        String answer = "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}";
        HttpResponse<String> foreign = post("eli-other", "/api/elicitation/" + id, answer);
        assertProblem(
            foreign, 404, "elicitation_not_found", "no pending elicitation request with this id");
        assertFalse(future.isDone());

        assertEquals(204, post("eli-owner", "/api/elicitation/" + id, answer).statusCode());
        ElicitationResponse got = future.get(10, TimeUnit.SECONDS);
        assertEquals(ElicitationAction.ACCEPT, got.action());
        assertEquals("{\"name\":\"Ada\"}", got.contentJson());

        SseTestClient.Frame done = c.nextEvent(WAIT);
        assertEquals("elicitation_complete", done.event());
        assertEquals(id, data(done).path("requestId").asText());
        assertEquals("accept", data(done).path("action").asText());

        HttpResponse<String> again = post("eli-owner", "/api/elicitation/" + id, answer);
        assertEquals(foreign.body(), again.body());
        assertEquals(404, again.statusCode());
        assertProblem(
            post("eli-owner", "/api/elicitation/unknown-id", answer),
            404,
            "elicitation_not_found",
            "no pending elicitation request with this id");
      }
    }

    @Test
    void pendingRequestsAreReplayedAndDeclineNeedsNoContent() throws Exception {
      SessionId s = server.open("eli-2");
      CompletableFuture<ElicitationResponse> future =
          server
              .inspector
              .elicitations()
              .request(s, "alpha", new ElicitationRequest("Ok?", "not a schema"));
      try (SseTestClient c = stream("eli-2", "/api/elicitation/stream", Map.of())) {
        JsonNode body = data(c.nextEvent(WAIT));
        assertEquals("not a schema", body.path("requestedSchema").asText());
        String id = body.path("requestId").asText();
        assertEquals(
            204, post("eli-2", "/api/elicitation/" + id, "{\"action\":\"DECLINE\"}").statusCode());
        assertEquals(ElicitationAction.DECLINE, future.get(10, TimeUnit.SECONDS).action());
      }
    }

    @Test
    void badBodiesAre400NamingTheField() throws Exception {
      SessionId s = server.open("eli-3");
      CompletableFuture<ElicitationResponse> future =
          server
              .inspector
              .elicitations()
              .request(s, "alpha", new ElicitationRequest("Ok?", SCHEMA));
      String id = server.inspector.elicitations().pending(s).get(0).requestId();
      String path = "/api/elicitation/" + id;
      assertProblem(
          post("eli-3", path, "{\"action\":\"accept\"}"),
          400,
          "bad_request",
          "field 'content' must be a JSON object when action is accept, but was absent");
      assertProblem(
          post("eli-3", path, "{\"action\":\"accept\",\"content\":[1]}"),
          400,
          "bad_request",
          "field 'content' must be a JSON object when action is accept, but was a JSON array");
      assertProblem(
          post("eli-3", path, "{\"action\":\"maybe\"}"),
          400,
          "bad_request",
          "field 'action' must be one of [accept, decline, cancel], but was 'maybe'");
      assertProblem(
          post("eli-3", path, "{\"content\":{}}"),
          400,
          "bad_request",
          "field 'action' is required");
      assertFalse(future.isDone());
      assertEquals(204, post("eli-3", path, "{\"action\":\"cancel\"}").statusCode());
      assertEquals(ElicitationAction.CANCEL, future.get(10, TimeUnit.SECONDS).action());
    }
  }

  @Nested
  class Isolation {
    @Test
    void sameServerIdsStaySeparateOnAllStreams() throws Exception {
      SessionId a = server.open("iso-a");
      SessionId b = server.open("iso-b");
      try (SseTestClient ra = stream("iso-a", "/api/rpc/stream", Map.of());
          SseTestClient rb = stream("iso-b", "/api/rpc/stream", Map.of());
          SseTestClient pa = stream("iso-a", "/api/progress/stream", Map.of());
          SseTestClient pb = stream("iso-b", "/api/progress/stream", Map.of());
          SseTestClient ea = stream("iso-a", "/api/elicitation/stream", Map.of());
          SseTestClient eb = stream("iso-b", "/api/elicitation/stream", Map.of())) {
        server.inspector.rpcLog().publish(a, "same", Direction.SEND, "{\"from\":\"a\"}");
        server.inspector.rpcLog().publish(b, "same", Direction.SEND, "{\"from\":\"b\"}");
        server.inspector.progress().report(a, "same", "t", 1, null, "a");
        server.inspector.progress().report(b, "same", "t", 1, null, "b");
        server.inspector.elicitations().request(a, "same", new ElicitationRequest("a", SCHEMA));
        server.inspector.elicitations().request(b, "same", new ElicitationRequest("b", SCHEMA));
        assertEquals("a", data(ra.nextEvent(WAIT)).path("message").path("from").asText());
        assertEquals("b", data(rb.nextEvent(WAIT)).path("message").path("from").asText());
        assertEquals("a", data(pa.nextEvent(WAIT)).path("message").asText());
        assertEquals("b", data(pb.nextEvent(WAIT)).path("message").asText());
        assertEquals("a", data(ea.nextEvent(WAIT)).path("message").asText());
        assertEquals("b", data(eb.nextEvent(WAIT)).path("message").asText());
        // A marker published after the other user's event arrives next: nothing foreign came
        // between.
        server.inspector.rpcLog().publish(a, "same", Direction.SEND, "{\"from\":\"a2\"}");
        assertEquals("a2", data(ra.nextEvent(WAIT)).path("message").path("from").asText());
      }
    }
  }

  @Nested
  class AdminStats {
    @Test
    void adminGetsFiguresWithoutSessionIds() throws Exception {
      SessionId s = server.open("admin-1");
      HttpResponse<String> r = get("admin-1", "/api/admin/stats");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = json(r);
      assertEquals("hosted", body.path("mode").asText());
      assertTrue(body.path("store").path("liveSessions").asInt() >= 1, r.body());
      assertTrue(body.path("rpcLog").has("subscribers"), r.body());
      assertTrue(body.path("progress").isObject(), r.body());
      assertTrue(body.path("elicitations").isObject(), r.body());
      assertFalse(r.body().contains(s.value()));
    }

    @Test
    void otherUsersGet403() throws Exception {
      server.open("plain-user");
      assertProblem(
          get("plain-user", "/api/admin/stats"),
          403,
          "forbidden",
          "the statistics need the 'admin' role (see INSPECTOR_ADMINS)");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
      assertEquals(404, get("alice", "/api/rpc/nothing").statusCode());
      HttpResponse<String> r = post("alice", "/api/rpc/logs", "{}");
      assertEquals(405, r.statusCode());
      assertEquals("GET, OPTIONS", r.headers().firstValue("Allow").orElse(""));
    }
  }
}
