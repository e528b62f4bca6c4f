package dev.mcpinspector.containertest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One user agent of the inspector suite: it keeps its session cookie and CSRF token itself (each
 * user needs its own cookie jar while all share one {@link HttpClient}), and records the raw {@code
 * Set-Cookie} headers it received.
 */
final class Browser {

  static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private String cookie;
  private String csrf;
  private List<String> lastSetCookies = List.of();

  /**
   * @param base the context's URI without a trailing slash, e.g. {@code http://127.0.0.1:1234} or
   *     {@code http://127.0.0.1:1234/secure}; request paths are appended to it
   */
  Browser(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** GET /api/session, then POST /api/login with the key; fails unless the login succeeded. */
  HttpResponse<String> login(String accessKey) throws Exception {
    HttpResponse<String> session = get("/api/session");
    if (session.statusCode() != 200) {
      throw new AssertionError(
          "GET /api/session answered " + session.statusCode() + ": " + session.body());
    }
    HttpResponse<String> login =
        post("/api/login", "{\"accessKey\":" + MAPPER.writeValueAsString(accessKey) + "}");
    if (login.statusCode() != 200) {
      throw new AssertionError("login answered " + login.statusCode() + ": " + login.body());
    }
    return login;
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> postEmpty(String path) throws Exception {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Opens an SSE stream with this browser's cookie. */
  SseClient stream(String path, Map<String, String> headers) throws Exception {
    Map<String, String> all = new HashMap<>(headers);
    if (cookie != null) {
      all.put("Cookie", cookie);
    }
    return SseClient.open(http, URI.create(base + path), all, false);
  }

  List<String> lastSetCookies() {
    return lastSetCookies;
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return MAPPER.readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT);
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (csrf != null) {
      b.header("X-Inspector-CSRF", csrf);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    lastSetCookies = r.headers().allValues("Set-Cookie");
    for (String setCookie : lastSetCookies) {
      String pair = setCookie.split(";", 2)[0];
      cookie = pair.endsWith("=") ? null : pair;
    }
    if (r.statusCode() == 200
        && r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      JsonNode body = json(r);
      if (body.hasNonNull("csrfToken")) {
        csrf = body.get("csrfToken").asText();
      }
    }
    return r;
  }
}
