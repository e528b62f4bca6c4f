package dev.mcpinspector.servlet.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The routes of the API servlet: (method, path template) to handler. Templates are relative to the
 * servlet mapping ({@code /rpc/logs}, {@code /elicitation/{requestId}}); a {@code {name}} segment
 * matches one non-empty decoded segment. Where a literal and a parameter could both match, the
 * literal wins. A path that no template matches gets 404 {@code not_found}; a path that matches
 * only for other methods gets 405 {@code method_not_allowed} with {@code Allow}; {@code OPTIONS} on
 * a known path gets 204 with {@code Allow}. Immutable and thread-safe.
 */
public sealed interface ApiRouter permits RouteTable {

  /**
   * Returns a builder for a router.
   *
   * @return a new, empty builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Lists the routes, most specific first, as {@code "METHOD /template"}.
   *
   * @return an unmodifiable list
   */
  List<String> routes();

  /** Collects routes. Not thread-safe. */
  final class Builder {
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");

    private final List<Route> routes = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a route.
     *
     * @param method the HTTP method in upper case, e.g. {@code POST}
     * @param template the path template, starting with {@code /}, e.g. {@code /servers/{id}}
     * @param handler the handler
     * @return this builder
     * @throws IllegalArgumentException if the method or template is malformed, or the same method
     *     and template were added before
     * @throws NullPointerException if an argument is null
     */
    public Builder route(String method, String template, ApiHandler handler) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(handler, "handler");
      if (!METHOD.matcher(method).matches()) {
        throw new IllegalArgumentException(
            "method must be an upper-case HTTP method like GET, but was '" + method + "'");
      }
      if ("OPTIONS".equals(method)) {
        throw new IllegalArgumentException(
            "OPTIONS is answered by the router (Allow header) and by the CORS filter; "
                + "do not route it, template was "
                + template);
      }
      PathTemplate parsed = PathTemplate.parse(template);
      for (Route r : routes) {
        if (r.method().equals(method) && r.template().shape().equals(parsed.shape())) {
          throw new IllegalArgumentException(
              "route " + method + " " + template + " clashes with " + r.describe());
        }
      }
      routes.add(new Route(method.toUpperCase(Locale.ROOT), parsed, handler));
      return this;
    }

    /**
     * Adds a {@code GET} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this builder
     */
    public Builder get(String template, ApiHandler handler) {
      return route("GET", template, handler);
    }

    /**
     * Adds a {@code POST} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this builder
     */
    public Builder post(String template, ApiHandler handler) {
      return route("POST", template, handler);
    }

    /**
     * Adds a {@code PUT} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this builder
     */
    public Builder put(String template, ApiHandler handler) {
      return route("PUT", template, handler);
    }

    /**
     * Adds a {@code DELETE} route.
     *
     * @param template the path template
     * @param handler the handler
     * @return this builder
     */
    public Builder delete(String template, ApiHandler handler) {
      return route("DELETE", template, handler);
    }

    /**
     * Builds the router.
     *
     * @return the immutable router
     */
    public ApiRouter build() {
      return new RouteTable(routes);
    }
  }
}
