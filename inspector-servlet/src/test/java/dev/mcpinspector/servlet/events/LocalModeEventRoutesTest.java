package dev.mcpinspector.servlet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The event routes in local mode: one shared scope, statistics for loopback clients only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalModeEventRoutesTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private EventServer server;
  private HttpClient http;

  @BeforeAll
  void start() throws Exception {
    server = new EventServer(Mode.LOCAL);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String user, String address, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.base.resolve(path))
            .header(TestInspectorFilter.USER, user)
            .header(TestInspectorFilter.ADDRESS, address)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyBrowserSessionSharesTheLocalScope() throws Exception {
    assertEquals(SessionId.LOCAL, server.open("one"));
    server.inspector.rpcLog().publish(SessionId.LOCAL, "alpha", Direction.SEND, "{}");
    JsonNode one = mapper.readTree(get("one", "127.0.0.1", "/api/rpc/logs").body());
    JsonNode two = mapper.readTree(get("two", "127.0.0.1", "/api/rpc/logs").body());
    assertEquals(1, one.path("events").size());
    assertEquals(one, two);
  }

  @Test
  void statisticsAreServedToLoopbackClients() throws Exception {
    HttpResponse<String> v4 = get("one", "127.0.0.1", "/api/admin/stats");
    assertEquals(200, v4.statusCode(), v4.body());
    assertEquals("local", mapper.readTree(v4.body()).path("mode").asText());
    assertEquals(200, get("one", "::1", "/api/admin/stats").statusCode());
  }

  @Test
  void statisticsAreRefusedToOtherClients() throws Exception {
    HttpResponse<String> r = get("one", "203.0.113.7", "/api/admin/stats");
    assertEquals(403, r.statusCode());
    JsonNode body = mapper.readTree(r.body());
    assertEquals("forbidden", body.path("code").asText());
    assertEquals(
        "in local mode the statistics are served to loopback clients only",
        body.path("detail").asText());
  }
}
