package dev.mcpinspector.servlet.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The router implementation: a list sorted by specificity, scanned linearly (a few dozen routes).
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class RouteTable implements ApiRouter {

  private final List<Route> routes;

  RouteTable(List<Route> routes) {
    List<Route> sorted = new ArrayList<>(routes);
    sorted.sort((a, b) -> PathTemplate.compareSpecificity(a.template(), b.template()));
    this.routes = List.copyOf(sorted);
  }

  @Override
  public List<String> routes() {
    List<String> out = new ArrayList<>(routes.size());
    for (Route r : routes) {
      out.add(r.describe());
    }
    return List.copyOf(out);
  }

  /** The outcome of matching one request. */
  sealed interface Resolution {}

  /** A route matched the method and path. */
  record Found(Route route, Map<String, String> params) implements Resolution {}

  /** The path is known, but not for this method. */
  record WrongMethod(String allow) implements Resolution {}

  /** No template matches the path. */
  record Missing() implements Resolution {}

  /**
   * The decoded path segments of a request below the servlet mapping.
   *
   * @param req the request
   * @return the segments
   * @throws dev.mcpinspector.core.http.ProblemException if the path is malformed or ambiguous
   */
  public static List<String> segments(HttpServletRequest req) {
    return UriText.segments(ApiServlet.rawPathBelowServlet(req));
  }

  /**
   * Whether a route serves this method and path.
   *
   * @param method the HTTP method
   * @param segments the decoded path segments
   * @return true if a route matches both
   */
  public boolean serves(String method, List<String> segments) {
    return resolve(method, segments) instanceof Found;
  }

  Resolution resolve(String method, List<String> segments) {
    TreeSet<String> allowed = null;
    for (Route r : routes) {
      Map<String, String> params = r.template().match(segments);
      if (params == null) {
        continue;
      }
      if (r.method().equals(method)) {
        return new Found(r, params);
      }
      if (allowed == null) {
        allowed = new TreeSet<>();
      }
      allowed.add(r.method());
    }
    if (allowed == null) {
      return new Missing();
    }
    allowed.add("OPTIONS");
    return new WrongMethod(String.join(", ", allowed));
  }
}
