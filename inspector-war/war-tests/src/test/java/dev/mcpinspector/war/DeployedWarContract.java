package dev.mcpinspector.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What any container must do with the unchanged WAR file deployed at {@link #CONTEXT}: the API
 * answers under the context path, sessions and CSRF work, and the page is served at the context
 * root. Subclasses deploy the WAR and return the base URL.
 */
abstract class DeployedWarContract {

  static final String CONTEXT = "/inspector";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The base URL of the deployed context, without a trailing slash. */
  abstract String base();

  static Path warFile() {
    String war = System.getProperty("war.file");
    assertTrue(war != null && !war.isBlank(), "the system property war.file is set by the pom");
    Path path = Path.of(war);
    assertTrue(
        Files.isRegularFile(path),
        "the WAR " + path + " must be built first (mvn -pl inspector-war/war-tests -am verify)");
    return path;
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String csrf) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (csrf != null) {
      b.header("X-Inspector-CSRF", csrf);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String header(HttpResponse<String> res, String name) {
    return res.headers().firstValue(name).orElse("<no " + name + " header>");
  }

  @Test
  void health_answersUpUnderTheContextPath() throws Exception {
    HttpResponse<String> res = get("/api/health");

    assertEquals(200, res.statusCode());
    assertEquals("UP", JSON.readTree(res.body()).path("status").asText());
  }

  @Test
  void session_isLocalModeWithACsrfTokenAndAnHttpOnlyCookie() throws Exception {
    HttpResponse<String> res = get("/api/session");

    assertEquals(200, res.statusCode());
    JsonNode body = JSON.readTree(res.body());
    assertEquals("local", body.path("mode").asText());
    assertFalse(body.path("csrfToken").asText().isBlank(), "csrfToken in " + body);
    assertTrue(
        res.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.contains("HttpOnly") && c.contains("Path=/")),
        "an HttpOnly cookie for Path=/ in " + res.headers().allValues("Set-Cookie"));
    assertTrue(header(res, "Cache-Control").contains("no-store"), header(res, "Cache-Control"));
  }

  @Test
  void unsafeRequest_withoutCsrfHeader_isRefusedWithAProblem() throws Exception {
    get("/api/session");

    HttpResponse<String> res = post("/api/logout", null);

    assertEquals(403, res.statusCode());
    assertTrue(header(res, "Content-Type").startsWith("application/problem+json"));
    assertEquals("csrf_failed", JSON.readTree(res.body()).path("code").asText());
  }

  @Test
  void unsafeRequest_withTheSessionsCsrfToken_isAccepted() throws Exception {
    String csrf = JSON.readTree(get("/api/session").body()).path("csrfToken").asText();

    HttpResponse<String> res = post("/api/logout", csrf);

    assertEquals(204, res.statusCode(), res.body());
  }

  @Test
  void page_isServedAtTheContextRoot() throws Exception {
    HttpResponse<String> res = get("/");

    assertEquals(200, res.statusCode());
    assertTrue(header(res, "Content-Type").startsWith("text/html"), header(res, "Content-Type"));
    assertTrue(res.body().contains("<title>MCP Inspector</title>"), res.body());
    assertTrue(res.body().contains("<script type=\"module\" src=\"js/main.js\"></script>"));
    assertEquals(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        header(res, "Content-Security-Policy"));
    assertEquals("nosniff", header(res, "X-Content-Type-Options"));
  }

  @Test
  void eventRoutes_thePageNeeds_areRegistered() throws Exception {
    HttpResponse<String> res = get("/api/progress");

    assertEquals(200, res.statusCode(), res.body());
    assertTrue(JSON.readTree(res.body()).path("progress").isArray(), res.body());
  }

  @Test
  void servers_areListed() throws Exception {
    HttpResponse<String> res = get("/api/servers");

    assertEquals(200, res.statusCode(), res.body());
    assertTrue(JSON.readTree(res.body()).path("servers").isArray(), res.body());
  }

  @Test
  void scripts_areServedAsJavaScript() throws Exception {
    HttpResponse<String> res = get("/js/main.js");

    assertEquals(200, res.statusCode());
    assertTrue(
        header(res, "Content-Type").startsWith("text/javascript"), header(res, "Content-Type"));
  }
}
