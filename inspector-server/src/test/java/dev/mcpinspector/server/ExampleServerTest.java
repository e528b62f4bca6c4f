package dev.mcpinspector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.session.SessionId;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExampleServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCESS_KEYS = "alice=alice-access-key-0001";
  private static final String SIGNING_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Nested
  class LocalMode {
    private static Server server;
    private static String base;
    private static final HttpClient HTTP =
        HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @BeforeAll
    static void start() throws Exception {
      server = ExampleServer.createServer(0, InspectorConfig.builder().build());
      server.start();
      base = "http://localhost:" + ExampleServer.localPort(server);
    }

    @AfterAll
    static void stop() throws Exception {
      server.stop();
    }

    @Test
    void listensOnLoopbackOnly() {
      assertEquals("127.0.0.1", ((ServerConnector) server.getConnectors()[0]).getHost());
    }

    @Test
    void page_isServedWithAStrictContentSecurityPolicy() throws Exception {
      HttpResponse<String> res = get(HTTP, base + "/");

      assertEquals(200, res.statusCode());
      assertTrue(res.body().contains("<title>MCP Inspector</title>"));
      assertEquals(
          "text/html;charset=utf-8", res.headers().firstValue("Content-Type").orElseThrow());
      assertEquals(
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
              + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          res.headers().firstValue("Content-Security-Policy").orElseThrow());
      assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void scriptsAndStyles_haveTheirContentTypes() throws Exception {
      HttpResponse<String> js = get(HTTP, base + "/js/main.js");
      HttpResponse<String> css = get(HTTP, base + "/css/inspector.css");

      assertEquals(200, js.statusCode());
      assertEquals(
          "text/javascript;charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("nosniff", js.headers().firstValue("X-Content-Type-Options").orElseThrow());
      assertEquals(200, css.statusCode());
      assertEquals(
          "text/css;charset=utf-8", css.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void directoryListings_areRefused() throws Exception {
      assertEquals(403, get(HTTP, base + "/js/").statusCode());
    }

    @Test
    void health_answersAtApi() throws Exception {
      HttpResponse<String> res = get(HTTP, base + "/api/health");

      assertEquals(200, res.statusCode());
      assertEquals("UP", JSON.readTree(res.body()).path("status").asText());
    }

    @Test
    void servers_suggestTheDemoServerOnThisPort() throws Exception {
      HttpResponse<String> res = get(HTTP, base + "/api/servers");

      assertEquals(200, res.statusCode(), res.body());
      JsonNode suggested = JSON.readTree(res.body()).path("suggested");
      assertEquals(1, suggested.size(), res.body());
      assertEquals("demo", suggested.get(0).path("id").asText());
      assertEquals(base + "/demo/mcp", suggested.get(0).path("url").asText());
      assertEquals("streamable-http", suggested.get(0).path("transport").asText());
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void stoppingTheServer_closesTheInspector() throws Exception {
      Server server = ExampleServer.createServer(0, InspectorConfig.builder().build());
      server.start();
      Inspector<?> inspector =
          (Inspector<?>)
              server
                  .getDescendant(ServletContextHandler.class)
                  .getAttribute(ExampleServer.INSPECTOR_ATTRIBUTE);
      inspector.store().acquire(SessionId.LOCAL).close();

      server.stop();

      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> inspector.store().acquire(SessionId.LOCAL));
      assertEquals(
          "the client manager store is closed; no session can be acquired", e.getMessage());
    }
  }

  @Nested
  class HostedMode {
    @Test
    void demoServer_isNotSuggested_whenLoopbackIsNotAllowed() throws Exception {
      InspectorConfig config =
          ExampleServer.configFrom(
              Map.of(
                      "INSPECTOR_MODE",
                      "hosted",
                      "INSPECTOR_SIGNING_KEYS",
                      SIGNING_KEY,
                      "INSPECTOR_ACCESS_KEYS",
                      ACCESS_KEYS)
                  ::get);

      try (var inspector = dev.mcpinspector.mcp.McpInspector.create(config)) {
        assertEquals(List.of(), ExampleServer.demoSuggestion(inspector, 8080));
      }
    }

    @Test
    void demoServer_isSuggestedOnLoopback_whenTheOperatorAllowsIt() throws Exception {
      InspectorConfig config =
          ExampleServer.configFrom(
              Map.of(
                      "INSPECTOR_MODE",
                      "hosted",
                      "INSPECTOR_SIGNING_KEYS",
                      SIGNING_KEY,
                      "INSPECTOR_ACCESS_KEYS",
                      ACCESS_KEYS,
                      "EXAMPLE_DEMO_ALLOW",
                      "true")
                  ::get);

      assertTrue(config.outboundAllow().contains("127.0.0.1"), config.outboundAllow().toString());
      try (var inspector = dev.mcpinspector.mcp.McpInspector.create(config)) {
        var suggested = ExampleServer.demoSuggestion(inspector, 8080);
        assertEquals(1, suggested.size());
        assertEquals("http://127.0.0.1:8080/demo/mcp", suggested.get(0).url());
      }
    }

    @Test
    void demoAllow_mustBeTrueOrFalse() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  ExampleServer.configFrom(
                      Map.of(
                              "INSPECTOR_MODE",
                              "hosted",
                              "INSPECTOR_SIGNING_KEYS",
                              SIGNING_KEY,
                              "INSPECTOR_ACCESS_KEYS",
                              ACCESS_KEYS,
                              "EXAMPLE_DEMO_ALLOW",
                              "yes")
                          ::get));
      assertEquals("EXAMPLE_DEMO_ALLOW must be true or false, but was 'yes'", e.getMessage());
    }

    @Test
    void demoAllow_isIgnoredInLocalMode() {
      InspectorConfig config = ExampleServer.configFrom(Map.of("EXAMPLE_DEMO_ALLOW", "true")::get);

      assertEquals(List.of(), config.outboundAllow());
    }
  }

  @Nested
  class Port {
    @Test
    void unset_is8080() {
      assertEquals(8080, ExampleServer.port(null));
      assertEquals(8080, ExampleServer.port(" "));
    }

    @Test
    void number_isUsed() {
      assertEquals(9090, ExampleServer.port("9090"));
    }

    @Test
    void notAPort_isRefusedNamingTheValue() {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ExampleServer.port("http"));
      assertEquals("PORT must be a number between 0 and 65535, but was 'http'", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ExampleServer.port("70000"));
    }
  }
}
