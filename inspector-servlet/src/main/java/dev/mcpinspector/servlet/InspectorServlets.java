package dev.mcpinspector.servlet;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.servlet.api.EventRoutes;
import dev.mcpinspector.servlet.api.SessionRoutes;
import dev.mcpinspector.servlet.front.InspectorFilter;
import dev.mcpinspector.servlet.routing.ApiRouter;
import dev.mcpinspector.servlet.routing.RouteTable;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * Puts an {@link Inspector} on a servlet context, in one call: the security-header and CORS filter,
 * the inspector filter (the front door: {@code Host} check, authentication, session cookie, CSRF
 * and origin checks, the store lease) and the {@code /api/*} servlet serving the built-in session
 * routes ({@code /api/health}, {@code /api/session}, {@code /api/login}, {@code /api/logout}), the
 * built-in event routes ({@link EventRoutes}: RPC log, progress and elicitation snapshots and
 * streams, elicitation answers, admin statistics) plus every module's routes.
 *
 * <p>Call it while the context is being initialised: from a {@code ServletContainerInitializer}, a
 * {@code ServletContextListener}'s {@code contextInitialized}, or embedded Jetty or Tomcat code
 * that adds such an initializer. Only {@code /api/*} is mapped; the application's other paths
 * (static files, its own pages) never reach the inspector, so they create no session and no client
 * manager.
 *
 * <p>The caller owns the inspector: close it when the context is destroyed (for example in {@code
 * ServletContextListener.contextDestroyed}), after the container stopped serving requests. Nothing
 * here closes it.
 *
 * <p>Every registration is async-supported (SSE routes need it), applies to {@code REQUEST}
 * dispatches, and is named {@code inspector-web-security}, {@code inspector-front-door} and {@code
 * inspector-api}; registering twice in one context fails.
 */
public final class InspectorServlets {

  /** Name of the security-header and CORS filter registration. */
  public static final String WEB_SECURITY_FILTER_NAME = "inspector-web-security";

  /** Name of the inspector filter registration. */
  public static final String FRONT_DOOR_FILTER_NAME = "inspector-front-door";

  /** Name of the API servlet registration. */
  public static final String API_SERVLET_NAME = "inspector-api";

  private InspectorServlets() {}

  /**
   * Registers the inspector with the default API settings and the security headers derived from its
   * configuration ({@link #webSecurityConfig(InspectorConfig)}).
   *
   * @param context the context being initialised
   * @param inspector the inspector; the caller closes it
   * @param modules route modules added after the built-in session and event routes, in order
   * @throws IllegalStateException if the context is already initialised or a registration name is
   *     taken
   * @throws IllegalArgumentException if a module adds a route that clashes with another, or the
   *     inspector's allowed origins are not valid CORS origins
   */
  public static void register(
      ServletContext context, Inspector<?> inspector, ApiModule... modules) {
    Objects.requireNonNull(inspector, "inspector must not be null");
    register(
        context, inspector, ApiConfig.defaults(), webSecurityConfig(inspector.config()), modules);
  }

  /**
   * Registers the inspector.
   *
   * @param context the context being initialised
   * @param inspector the inspector; the caller closes it
   * @param api body limit and SSE settings of the {@code /api} servlet
   * @param web CORS and framing settings of the security-header filter
   * @param modules route modules added after the built-in session and event routes, in order
   * @throws IllegalStateException if the context is already initialised or a registration name is
   *     taken
   * @throws IllegalArgumentException if a module adds a route that clashes with another
   */
  public static void register(
      ServletContext context,
      Inspector<?> inspector,
      ApiConfig api,
      WebSecurityConfig web,
      ApiModule... modules) {
    Objects.requireNonNull(context, "context must not be null");
    Objects.requireNonNull(inspector, "inspector must not be null");
    Objects.requireNonNull(api, "api must not be null");
    Objects.requireNonNull(web, "web must not be null");
    Objects.requireNonNull(modules, "modules must not be null");
    ApiRouter.Builder routes = ApiRouter.builder();
    new SessionRoutes(inspector.gate()).addRoutes(routes);
    new EventRoutes(inspector).addRoutes(routes);
    for (ApiModule module : modules) {
      Objects.requireNonNull(module, "modules must not contain null").addRoutes(routes);
    }
    RouteTable router = (RouteTable) routes.build();
    ServletRegistrations.registerFilter(
        context,
        WEB_SECURITY_FILTER_NAME,
        ServletRegistrations.webSecurityFilter(web),
        ServletRegistrations.API_MAPPING);
    ServletRegistrations.registerFilter(
        context,
        FRONT_DOOR_FILTER_NAME,
        new InspectorFilter(inspector, router),
        ServletRegistrations.API_MAPPING);
    ServletRegistrations.registerApi(
        context,
        API_SERVLET_NAME,
        ServletRegistrations.apiServlet(router, api, inspector.scheduler()));
  }

  /**
   * The security-header settings that match an inspector configuration: CORS for exactly its {@code
   * INSPECTOR_ALLOWED_ORIGINS}, framing denied.
   *
   * @param config the inspector configuration
   * @return the settings
   * @throws IllegalArgumentException if an allowed origin is not a lower-case {@code
   *     scheme://host[:port]} origin
   */
  public static WebSecurityConfig webSecurityConfig(InspectorConfig config) {
    Objects.requireNonNull(config, "config must not be null");
    return WebSecurityConfig.builder().allowedOrigins(config.allowedOrigins()).build();
  }
}
