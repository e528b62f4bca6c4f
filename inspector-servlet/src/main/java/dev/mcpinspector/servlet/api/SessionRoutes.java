package dev.mcpinspector.servlet.api;

import dev.mcpinspector.core.auth.Admission;
import dev.mcpinspector.core.auth.RequestGate;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.Resolution;
import dev.mcpinspector.servlet.ApiModule;
import dev.mcpinspector.servlet.InspectorRequest;
import dev.mcpinspector.servlet.routing.ApiExchange;
import dev.mcpinspector.servlet.routing.ApiRouter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in routes of the front door, registered before every module's routes:
 *
 * <ul>
 *   <li>{@code GET /api/health}: {@code {"status":"UP"}}; no session, no manager;
 *   <li>{@code GET /api/session}: the caller's session, without its id;
 *   <li>{@code POST /api/login} {@code {"accessKey": "..."}}: binds the key's principal and renews
 *       the session id; answers like {@code GET /api/session};
 *   <li>{@code POST /api/logout}: ends the session (its manager is invalidated through the
 *       inspector's wiring) and expires the cookie; 204.
 * </ul>
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class SessionRoutes implements ApiModule {

  /** The health route's only path segment. */
  public static final String HEALTH = "health";

  /** The session route's only path segment. */
  public static final String SESSION = "session";

  /** The login route's only path segment. */
  public static final String LOGIN = "login";

  /** The logout route's only path segment. */
  public static final String LOGOUT = "logout";

  private static final Map<String, String> UP = Map.of("status", "UP");

  private final RequestGate gate;

  /**
   * Creates the session routes.
   *
   * @param gate the inspector's request gate
   */
  public SessionRoutes(RequestGate gate) {
    this.gate = gate;
  }

  @Override
  public void addRoutes(ApiRouter.Builder routes) {
    routes.get("/" + HEALTH, exchange -> exchange.respondJson(200, UP));
    routes.get("/" + SESSION, this::session);
    routes.post("/" + LOGIN, this::login);
    routes.post("/" + LOGOUT, this::logout);
  }

  private void session(ApiExchange exchange) throws IOException {
    exchange.respondJson(200, body(InspectorRequest.of(exchange).admission().session()));
  }

  private void login(ApiExchange exchange) throws IOException {
    Admission admission = InspectorRequest.of(exchange).admission();
    LoginBody body = exchange.readJson(LoginBody.class);
    Resolution renewed = gate.login(admission, body.accessKey());
    // Replaces a cookie the filter may have set for the pre-login session.
    exchange.response().setHeader("Set-Cookie", renewed.setCookie().orElseThrow());
    exchange.response().setHeader("Cache-Control", "no-store");
    exchange.respondJson(200, body(renewed));
  }

  private void logout(ApiExchange exchange) {
    Admission admission = InspectorRequest.of(exchange).admission();
    String expired = gate.logout(admission);
    exchange.response().setHeader("Set-Cookie", expired);
    exchange.response().setHeader("Cache-Control", "no-store");
    exchange.respondNoContent();
  }

  /** The session as {@code GET /api/session} shows it: never the id. */
  static Map<String, Object> body(Resolution session) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("authenticated", session.authenticated());
    body.put("principal", principal(session.principal()));
    body.put("csrfToken", session.csrfToken());
    body.put("mode", session.mode().wireName());
    body.put("createdAt", session.createdAt().toString());
    body.put("idleExpiresAt", session.idleExpiresAt().toString());
    body.put("absoluteExpiresAt", session.absoluteExpiresAt().toString());
    body.put("renewed", session.renewed());
    return body;
  }

  private static Map<String, Object> principal(Principal principal) {
    if (principal == null) {
      return null;
    }
    List<String> roles = new ArrayList<>(principal.roles());
    Collections.sort(roles);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", principal.displayName());
    body.put("issuer", principal.issuer());
    body.put("roles", roles);
    return body;
  }

  /** The body of {@code POST /api/login}. */
  record LoginBody(String accessKey) {}
}
