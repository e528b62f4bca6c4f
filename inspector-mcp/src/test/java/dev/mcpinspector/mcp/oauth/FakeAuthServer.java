package dev.mcpinspector.mcp.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scriptable HTTP server on loopback playing a protected resource's metadata and an authorization
 * server, for the bad-input tests: each path answers what the test sets.
 */
final class FakeAuthServer implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();

  /** Bodies of the POST requests received, by path. */
  final Map<String, List<String>> posts = new ConcurrentHashMap<>();

  FakeAuthServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            if ("POST".equals(ex.getRequestMethod())) {
              posts
                  .computeIfAbsent(ex.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>())
                  .add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            HttpHandler h = routes.get(ex.getRequestURI().getPath());
            if (h == null) {
              send(ex, 404, "text/plain", "not found");
            } else {
              h.handle(ex);
            }
          }
        });
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void route(String path, HttpHandler handler) {
    routes.put(path, handler);
  }

  void json(String path, int status, String body) {
    route(path, ex -> send(ex, status, "application/json", body));
  }

  /** The resource metadata of {@code <base>/mcp} and a plain authorization server. */
  void standard() {
    json(
        "/.well-known/oauth-protected-resource/mcp",
        200,
        "{\"resource\":\""
            + base()
            + "/mcp\",\"authorization_servers\":[\""
            + base()
            + "\"],\"scopes_supported\":[\"read\",\"write\"]}");
    json("/.well-known/oauth-authorization-server", 200, metadata(base()));
  }

  String metadata(String issuer) {
    return "{\"issuer\":\""
        + issuer
        + "\",\"authorization_endpoint\":\""
        + base()
        + "/authorize\",\"token_endpoint\":\""
        + base()
        + "/token\",\"response_types_supported\":[\"code\"],"
        + "\"code_challenge_methods_supported\":[\"S256\"]}";
  }

  static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
