package dev.mcpinspector.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.servlet.ApiModule;
import dev.mcpinspector.servlet.InspectorRequest;
import dev.mcpinspector.servlet.json.ApiJson;
import dev.mcpinspector.servlet.routing.ApiExchange;
import dev.mcpinspector.servlet.routing.ApiRouter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The MCP server routes below {@code /api}: connect, list and disconnect servers, and the
 * operations of an inspector on one server (tools, resources, prompts, ping). Each route is one
 * call on the session's {@link McpClientManager}, taken from {@link
 * InspectorRequest#manager(Class)}; a {@link McpManagerException} becomes the problem response with
 * the same status, {@code code} and {@code detail}.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>route</th><th>answer</th></tr>
 *   <tr><td>{@code GET /servers}</td><td>{@code {"servers":[...], "suggested":[...]}}</td></tr>
 *   <tr><td>{@code POST /servers}</td><td>201, the server's view, {@code Location}</td></tr>
 *   <tr><td>{@code GET /servers/{id}}</td><td>the server's view</td></tr>
 *   <tr><td>{@code DELETE /servers/{id}}</td><td>204</td></tr>
 *   <tr><td>{@code GET /servers/{id}/tools?cursor=}</td><td>{@code {"tools":[...]}}</td></tr>
 *   <tr><td>{@code POST /servers/{id}/tools/call}</td>
 *       <td>{@code {"result":{...}, "progressToken":"..."}}</td></tr>
 *   <tr><td>{@code GET /servers/{id}/resources?cursor=}</td><td>{@code {"resources":[...]}}</td></tr>
 *   <tr><td>{@code POST /servers/{id}/resources/read}</td><td>{@code {"contents":[...]}}</td></tr>
 *   <tr><td>{@code GET /servers/{id}/prompts?cursor=}</td><td>{@code {"prompts":[...]}}</td></tr>
 *   <tr><td>{@code POST /servers/{id}/prompts/get}</td><td>{@code {"messages":[...]}}</td></tr>
 *   <tr><td>{@code POST /servers/{id}/ping}</td><td>{@code {}}</td></tr>
 * </table>
 *
 * <p>Calls to an MCP server block the container thread until the server answers or the request
 * timeout of {@link McpClientConfig} passes (connecting: the connect timeout). That is the price of
 * the SDK's request/response model; size the container's thread pool for the number of calls that
 * may wait at once. Immutable and thread-safe.
 */
public final class McpRoutes implements ApiModule {

  private static final ObjectMapper MAPPER = ApiJson.newMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final List<SuggestedServer> suggested;

  /** Routes without suggested servers. */
  public McpRoutes() {
    this(List.of());
  }

  /**
   * Routes whose {@code GET /servers} also lists servers the page may offer to connect.
   *
   * @param suggested the suggestions, in display order; copied
   */
  public McpRoutes(List<SuggestedServer> suggested) {
    this.suggested = List.copyOf(suggested);
  }

  /**
   * The suggested servers.
   *
   * @return an unmodifiable list, maybe empty
   */
  public List<SuggestedServer> suggested() {
    return suggested;
  }

  @Override
  public void addRoutes(ApiRouter.Builder routes) {
    routes
        .get("/servers", this::listServers)
        .post("/servers", McpRoutes::addServer)
        .get("/servers/{id}", ex -> ok(ex, () -> manager(ex).server(id(ex)).toJson()))
        .delete("/servers/{id}", McpRoutes::removeServer)
        .get("/servers/{id}/tools", ex -> ok(ex, () -> manager(ex).listTools(id(ex), cursor(ex))))
        .post("/servers/{id}/tools/call", McpRoutes::callTool)
        .get(
            "/servers/{id}/resources",
            ex -> ok(ex, () -> manager(ex).listResources(id(ex), cursor(ex))))
        .post("/servers/{id}/resources/read", McpRoutes::readResource)
        .get(
            "/servers/{id}/prompts",
            ex -> ok(ex, () -> manager(ex).listPrompts(id(ex), cursor(ex))))
        .post("/servers/{id}/prompts/get", McpRoutes::getPrompt)
        .post("/servers/{id}/ping", ex -> ok(ex, () -> manager(ex).ping(id(ex))));
  }

  private void listServers(ApiExchange ex) throws IOException {
    McpClientManager manager = manager(ex);
    List<Map<String, Object>> servers = new ArrayList<>();
    for (ServerView v : manager.listServers()) {
      servers.add(v.toJson());
    }
    List<Map<String, Object>> offers = new ArrayList<>();
    for (SuggestedServer s : suggested) {
      offers.add(s.toJson());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("servers", servers);
    body.put("suggested", offers);
    ex.respondJson(200, body);
  }

  private static void addServer(ApiExchange ex) throws IOException {
    McpClientManager manager = manager(ex);
    Map<String, Object> body = body(ex);
    ServerView view =
        call(
            () -> {
              try {
                return manager.addServer(ServerSpec.fromJson(body));
              } catch (IllegalStateException e) {
                // Documented: the manager was closed because the session ended meanwhile.
                throw new McpManagerException(
                    ProblemCode.UPSTREAM_FAILED,
                    "the session ended while the server was being added; reload and connect again",
                    e);
              }
            });
    ex.response().setHeader("Location", apiBase(ex.request()) + "/servers/" + view.id());
    ex.respondJson(201, view.toJson());
  }

  private static void removeServer(ApiExchange ex) {
    McpClientManager manager = manager(ex);
    String id = id(ex);
    call(
        () -> {
          manager.removeServer(id);
          return null;
        });
    ex.respondNoContent();
  }

  private static void callTool(ApiExchange ex) throws IOException {
    McpClientManager manager = manager(ex);
    Map<String, Object> body = body(ex);
    String name = string(body, "name");
    Object arguments = object(body, "arguments");
    ok(ex, () -> manager.callTool(id(ex), name, arguments).toJson());
  }

  private static void readResource(ApiExchange ex) throws IOException {
    McpClientManager manager = manager(ex);
    Map<String, Object> body = body(ex);
    String uri = string(body, "uri");
    ok(ex, () -> manager.readResource(id(ex), uri));
  }

  private static void getPrompt(ApiExchange ex) throws IOException {
    McpClientManager manager = manager(ex);
    Map<String, Object> body = body(ex);
    String name = string(body, "name");
    Object arguments = object(body, "arguments");
    ok(ex, () -> manager.getPrompt(id(ex), name, arguments));
  }

  private static void ok(ApiExchange ex, Supplier<Object> operation) throws IOException {
    ex.respondJson(200, call(operation));
  }

  /** Runs a manager operation; its failure becomes the problem response with the same code. */
  private static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (McpManagerException e) {
      throw e.toProblem();
    }
  }

  private static McpClientManager manager(ApiExchange ex) {
    return InspectorRequest.of(ex).manager(McpClientManager.class);
  }

  private static String id(ApiExchange ex) {
    return ex.pathParam("id");
  }

  private static String cursor(ApiExchange ex) {
    return ex.queryParam("cursor").filter(c -> !c.isEmpty()).orElse(null);
  }

  /** The body as a JSON object; any other JSON value is a 400 that says what it was. */
  private static Map<String, Object> body(ApiExchange ex) throws IOException {
    JsonNode node = ex.readJson(JsonNode.class);
    if (!node.isObject()) {
      throw ProblemException.badRequest(
          "request body must be a JSON object, but was " + describe(node));
    }
    return MAPPER.convertValue(node, OBJECT);
  }

  private static String string(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw ProblemException.badRequest(
        "field '" + field + "' must be a string, but was " + ServerSpec.jsonType(v));
  }

  private static Object object(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null || v instanceof Map<?, ?>) {
      return v;
    }
    throw ProblemException.badRequest(
        "field '" + field + "' must be a JSON object, but was " + ServerSpec.jsonType(v));
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }

  /** {@code /context/api}: the API servlet's own path, whatever the application's context. */
  private static String apiBase(HttpServletRequest req) {
    return req.getContextPath() + req.getServletPath();
  }
}
