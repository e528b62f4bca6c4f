package dev.mcpinspector.servlet.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A plain HTTP client that never stores cookies: every test says exactly which cookie it sends, the
 * way an attacker would.
 */
final class Http {

  private static final ObjectMapper JSON = new ObjectMapper();

  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final FrontServer server;

  Http(FrontServer server) {
    this.server = server;
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  HttpResponse<String> post(String path, String json, String... headers) {
    HttpRequest.Builder b = request(path, headers);
    b.header("Content-Type", "application/json");
    return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  /** The {@code name=value} pair of the response's session cookie, if it set one. */
  static Optional<String> cookie(HttpResponse<String> response) {
    List<String> all = response.headers().allValues("Set-Cookie");
    return all.stream()
        .filter(c -> c.startsWith("inspector=") || c.startsWith("__Host-inspector="))
        .findFirst()
        .map(c -> c.substring(0, c.indexOf(';')));
  }

  static String setCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("inspector=") || c.startsWith("__Host-inspector="))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no session Set-Cookie in " + response.headers().map()));
  }

  /** A browser session: the cookie and CSRF token of the last {@code GET /api/session}. */
  record Session(String cookie, String csrf, JsonNode body) {}

  Session session(String cookie) {
    HttpResponse<String> r =
        cookie == null ? get("/api/session") : get("/api/session", "Cookie", cookie);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /api/session answered " + r.statusCode() + " " + r.body());
    }
    JsonNode body = json(r);
    return new Session(cookie(r).orElse(cookie), body.get("csrfToken").asText(), body);
  }

  Session newSession() {
    return session(null);
  }

  /** Logs in with an access key, starting from a fresh pre-session. */
  Session login(String accessKey) {
    Session pre = newSession();
    HttpResponse<String> r =
        post(
            "/api/login",
            "{\"accessKey\":\"" + accessKey + "\"}",
            "Cookie",
            pre.cookie(),
            "X-Inspector-CSRF",
            pre.csrf());
    if (r.statusCode() != 200) {
      throw new AssertionError("login answered " + r.statusCode() + " " + r.body());
    }
    JsonNode body = json(r);
    return new Session(cookie(r).orElseThrow(), body.get("csrfToken").asText(), body);
  }
}
