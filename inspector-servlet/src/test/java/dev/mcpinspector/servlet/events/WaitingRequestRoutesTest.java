package dev.mcpinspector.servlet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationRequest;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.elicitation.SamplingAction;
import dev.mcpinspector.core.elicitation.SamplingRequest;
import dev.mcpinspector.core.elicitation.SamplingResponse;
import dev.mcpinspector.core.session.SessionId;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sampling routes, schema-checked elicitation answers and URL-mode events over real HTTP on
 * embedded Jetty, in hosted mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitingRequestRoutesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PARAMS =
      "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"<b>hi</b>\"}}],"
          + "\"systemPrompt\":\"be brief\",\"modelPreferences\":{\"hints\":[{\"name\":\"claude\"}]},"
          + "\"maxTokens\":100}";

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

  private HttpResponse<String> post(String user, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.base.resolve(path))
            .header(TestInspectorFilter.USER, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(WAIT)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private SseTestClient stream(String user, String path) throws Exception {
    SseTestClient client =
        SseTestClient.open(http, server.base.resolve(path), Map.of(TestInspectorFilter.USER, user));
    assertEquals(200, client.head().statusCode());
    return client;
  }

  private JsonNode data(SseTestClient.Frame f) throws Exception {
    return mapper.readTree(f.data());
  }

  private void assertProblem(HttpResponse<String> r, int status, String code, String detail)
      throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = mapper.readTree(r.body());
    assertEquals(code, body.path("code").asText());
    assertEquals(detail, body.path("detail").asText());
  }

  @Test
  void samplingIsStreamedToTheOwnerAndAnsweredOnlyByIt() throws Exception {
    SessionId owner = server.open("s-owner");
    server.open("s-other");
    try (SseTestClient c = stream("s-owner", "/api/sampling/stream");
        SseTestClient other = stream("s-other", "/api/sampling/stream")) {
      CompletableFuture<SamplingResponse> future =
          server
              .inspector
              .elicitations()
              .requestSampling(owner, "alpha", new SamplingRequest(PARAMS));
      SseTestClient.Frame req = c.nextEvent(WAIT);
      assertEquals("sampling_request", req.event());
      JsonNode body = data(req);
      String id = body.path("requestId").asText();
      assertEquals("alpha", body.path("serverId").asText());
      assertEquals("be brief", body.path("request").path("systemPrompt").asText());
      assertEquals(
          "<b>hi</b>",
          body.path("request").path("messages").get(0).path("content").path("text").asText());
      assertEquals(100, body.path("request").path("maxTokens").asInt());
      assertTrue(body.path("expiresAt").isTextual());

      String path = "/api/sampling/" + id;
      String approve =
          "{\"action\":\"approve\",\"result\":{\"content\":{\"type\":\"text\",\"text\":\"ok\"},"
              + "\"model\":\"me\"}}";
      HttpResponse<String> foreign = post("s-other", path, approve);
      assertProblem(foreign, 404, "sampling_not_found", "no pending sampling request with this id");
      assertProblem(
          post("s-owner", "/api/sampling/unknown", approve),
          404,
          "sampling_not_found",
          "no pending sampling request with this id");
      assertProblem(
          post("s-owner", path, "{\"action\":\"approve\"}"),
          400,
          "bad_request",
          "field 'result' must be a JSON object when action is approve, but was absent");
      assertProblem(
          post(
              "s-owner",
              path,
              "{\"action\":\"approve\",\"result\":{\"content\":{\"type\":\"image\","
                  + "\"mimeType\":\"image/png\",\"data\":\"%%%\"}}}"),
          400,
          "invalid_answer",
          "field 'result.content.data' must be base64 text, but was '%%%'");
      assertProblem(
          post("s-owner", path, "{\"action\":\"maybe\"}"),
          400,
          "bad_request",
          "field 'action' must be one of [approve, reject, cancel], but was 'maybe'");
      assertFalse(future.isDone());

      assertEquals(204, post("s-owner", path, approve).statusCode());
      SamplingResponse got = future.get(10, TimeUnit.SECONDS);
      assertEquals(SamplingAction.APPROVE, got.action());
      assertEquals(
          "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"ok\"},"
              + "\"model\":\"me\",\"stopReason\":\"endTurn\"}",
          got.resultJson());
      SseTestClient.Frame done = c.nextEvent(WAIT);
      assertEquals("sampling_complete", done.event());
      assertEquals("approve", data(done).path("action").asText());
      assertEquals(foreign.body(), post("s-owner", path, approve).body());

      // The other user's stream saw nothing: its first event is its own.
      server
          .inspector
          .elicitations()
          .requestSampling(server.open("s-other"), "beta", new SamplingRequest(PARAMS));
      assertEquals("beta", data(other.nextEvent(WAIT)).path("serverId").asText());
    }
  }

  @Test
  void elicitationAnswersAreCheckedAgainstTheSchemaWithDefaults() throws Exception {
    SessionId s = server.open("e-schema");
    String schema =
        "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
            + "\"n\":{\"type\":\"number\",\"maximum\":5,\"default\":2}},\"required\":[\"name\"]}";
    CompletableFuture<ElicitationResponse> future =
        server.inspector.elicitations().request(s, "alpha", new ElicitationRequest("?", schema));
    String id = server.inspector.elicitations().pending(s).get(0).requestId();
    String path = "/api/elicitation/" + id;
    assertProblem(
        post("e-schema", path, "{\"action\":\"accept\",\"content\":{\"name\":\"a\",\"n\":9}}"),
        400,
        "invalid_answer",
        "field 'content.n' must be at most 5 (maximum), but was 9");
    assertProblem(
        post("e-schema", path, "{\"action\":\"accept\",\"content\":{\"n\":1}}"),
        400,
        "invalid_answer",
        "field 'content.name' is required by the requested schema and has no default");
    assertFalse(future.isDone());
    assertEquals(
        204,
        post("e-schema", path, "{\"action\":\"accept\",\"content\":{\"name\":\"a\"}}")
            .statusCode());
    ElicitationResponse got = future.get(10, TimeUnit.SECONDS);
    assertEquals(ElicitationAction.ACCEPT, got.action());
    assertEquals("{\"name\":\"a\",\"n\":2}", got.contentJson());
  }

  @Test
  void urlModeCarriesTheUrlAndItsCompletion() throws Exception {
    SessionId s = server.open("e-url");
    try (SseTestClient c = stream("e-url", "/api/elicitation/stream")) {
      server
          .inspector
          .elicitations()
          .request(
              s,
              "alpha",
              ElicitationRequest.url("Pay here", "https://pay.example.com/p?id=1", "flow-9"));
      JsonNode req = data(c.nextEvent(WAIT));
      assertEquals("url", req.path("mode").asText());
      assertEquals("https://pay.example.com/p?id=1", req.path("url").asText());
      assertEquals("flow-9", req.path("elicitationId").asText());
      assertTrue(req.path("requestedSchema").isMissingNode(), req.toString());
      String id = req.path("requestId").asText();
      assertEquals(
          204, post("e-url", "/api/elicitation/" + id, "{\"action\":\"accept\"}").statusCode());
      assertEquals("elicitation_complete", c.nextEvent(WAIT).event());
      server.inspector.elicitations().urlElicitationCompleted(s, "alpha", "flow-9");
      SseTestClient.Frame done = c.nextEvent(WAIT);
      assertEquals("elicitation_url_complete", done.event());
      assertEquals(id, data(done).path("requestId").asText());
      assertEquals("flow-9", data(done).path("elicitationId").asText());
    }
  }
}
