package dev.mcpinspector.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same unchanged WAR configured for hosted mode through context init-parameters only (what an
 * operator puts in Tomcat's context file or Jetty's context XML): login is required and works with
 * an access key.
 */
abstract class HostedWarContract {

  static final String ALICE_KEY = "alice-access-key-0001";
  static final Map<String, String> INIT_PARAMETERS =
      Map.of(
          "INSPECTOR_MODE",
          "hosted",
          "INSPECTOR_SIGNING_KEYS",
          Base64.getEncoder().encodeToString(new byte[32]),
          "INSPECTOR_ACCESS_KEYS",
          "alice=" + ALICE_KEY);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  abstract String base();

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(
        b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base() + path));
  }

  @Test
  void beforeLogin_theSessionIsHostedAndUnauthenticated_andServersNeedALogin() throws Exception {
    JsonNode session = JSON.readTree(send(request("/api/session")).body());
    HttpResponse<String> servers = send(request("/api/servers"));

    assertEquals("hosted", session.path("mode").asText());
    assertFalse(session.path("authenticated").asBoolean(), session.toString());
    assertEquals(401, servers.statusCode(), servers.body());
    assertEquals("unauthenticated", JSON.readTree(servers.body()).path("code").asText());
  }

  @Test
  void afterLoginWithAnAccessKey_theApiAnswers() throws Exception {
    String csrf = JSON.readTree(send(request("/api/session")).body()).path("csrfToken").asText();

    HttpResponse<String> login =
        send(
            request("/api/login")
                .header("Content-Type", "application/json")
                .header("X-Inspector-CSRF", csrf)
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"accessKey\":\"" + ALICE_KEY + "\"}")));

    assertTrue(login.statusCode() / 100 == 2, login.statusCode() + " " + login.body());
    JsonNode session = JSON.readTree(send(request("/api/session")).body());
    assertTrue(session.path("authenticated").asBoolean(), session.toString());
    HttpResponse<String> servers = send(request("/api/servers"));
    assertEquals(200, servers.statusCode(), servers.body());
  }
}
