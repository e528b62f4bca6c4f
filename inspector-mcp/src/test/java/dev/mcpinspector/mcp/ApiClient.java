package dev.mcpinspector.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One user agent of the inspector's HTTP API (paths are relative to the application's base URI,
 * which ends with {@code /}), like a browser tab: its own cookies, the CSRF token from {@code GET
 * /api/session} on every unsafe request, and a same-origin {@code Origin} header.
 */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;
  private final String name;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private String csrf;

  ApiClient(URI base, String name) {
    this.base = base;
    this.name = name;
  }

  /** The test name of this user agent (sent as {@code X-Test-User}). */
  String name() {
    return name;
  }

  /** {@code GET /api/session}; remembers the CSRF token. */
  Response session() {
    Response r = get("/api/session");
    if (r.status() == 200) {
      csrf = r.json().get("csrfToken").asText();
    }
    return r;
  }

  /** {@code POST /api/login} with an access key; fails the test unless it is accepted. */
  ApiClient login(String accessKey) {
    Response r = post("/api/login", Map.of("accessKey", accessKey));
    if (r.status() != 200) {
      throw new AssertionError("login failed: " + r);
    }
    csrf = r.json().get("csrfToken").asText();
    return this;
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response delete(String path) {
    return send(request(path, true).DELETE());
  }

  Response post(String path, Object body) {
    return send(postRequest(path, body));
  }

  /** Sends a POST without waiting for the answer (a call that blocks on the server). */
  CompletableFuture<Response> postAsync(String path, Object body) {
    return http.sendAsync(postRequest(path, body).build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(this::received);
  }

  /** Opens a server-sent event stream; returns once the response headers arrived. */
  SseReader stream(String path) {
    try {
      HttpResponse<java.util.stream.Stream<String>> r =
          http.send(
              request(path).header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofLines());
      if (r.statusCode() != 200) {
        String body = String.join("\n", r.body().toList());
        throw new AssertionError("stream " + path + " answered " + r.statusCode() + " " + body);
      }
      return new SseReader(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Reads a server-sent event stream event by event (blocking). */
  static final class SseReader implements AutoCloseable {
    private final java.util.stream.Stream<String> lines;
    private final java.util.Iterator<String> it;

    SseReader(java.util.stream.Stream<String> lines) {
      this.lines = lines;
      this.it = lines.iterator();
    }

    /** The next event with this name (others are skipped); its data as JSON. */
    JsonNode next(String event) {
      String name = null;
      StringBuilder data = null;
      while (it.hasNext()) {
        String line = it.next();
        if (line.isEmpty()) {
          if (data != null && event.equals(name)) {
            try {
              return JSON.readTree(data.toString());
            } catch (IOException e) {
              throw new AssertionError("event data is not JSON: " + data, e);
            }
          }
          name = null;
          data = null;
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data =
              (data == null ? new StringBuilder() : data.append('\n'))
                  .append(line.substring(5).stripLeading());
        }
      }
      throw new AssertionError("the stream ended before an '" + event + "' event");
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  /** A POST with a raw body and content type, for malformed input. */
  Response postRaw(String path, String contentType, String body) {
    return send(
        request(path, true)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder postRequest(String path, Object body) {
    String text;
    try {
      text = body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return request(path, true)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text));
  }

  private HttpRequest.Builder request(String path) {
    return request(path, false);
  }

  /** A request with the cookies; an unsafe one also gets the CSRF token and the Origin. */
  private HttpRequest.Builder request(String path, boolean unsafe) {
    if (unsafe && csrf == null) {
      session();
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(Duration.ofSeconds(45))
            .header("X-Test-User", name);
    synchronized (cookies) {
      if (!cookies.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        cookies.forEach(
            (k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        b.header("Cookie", sb.toString());
      }
    }
    if (unsafe) {
      b.header("X-Inspector-CSRF", csrf)
          .header("Origin", base.getScheme() + "://" + base.getRawAuthority());
    }
    return b;
  }

  private Response send(HttpRequest.Builder b) {
    try {
      return received(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private Response received(HttpResponse<String> r) {
    for (String header : r.headers().allValues("Set-Cookie")) {
      String[] parts = header.split(";");
      int eq = parts[0].indexOf('=');
      String cookieName = parts[0].substring(0, eq).trim();
      String value = parts[0].substring(eq + 1).trim();
      boolean expired = false;
      for (int i = 1; i < parts.length; i++) {
        String attr = parts[i].trim().toLowerCase(Locale.ROOT);
        if (attr.equals("max-age=0")) {
          expired = true;
        }
      }
      synchronized (cookies) {
        if (expired || value.isEmpty()) {
          cookies.remove(cookieName);
        } else {
          cookies.put(cookieName, value);
        }
      }
    }
    return new Response(r.statusCode(), r.headers(), r.body());
  }

  /** An HTTP answer. */
  record Response(int status, HttpHeaders headers, String body) {
    @Override
    public String toString() {
      return status + " " + body;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }
}
