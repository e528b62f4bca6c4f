package dev.mcpinspector.servlet.front;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.servlet.WebSecurityConfig;
import dev.mcpinspector.servlet.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Adds the security headers to every response and answers CORS for the configured origins only: the
 * exact origin is echoed with credentials, never {@code *}; a preflight from an unlisted origin
 * gets 403 {@code origin_forbidden}. Requests from unlisted origins otherwise pass through without
 * CORS headers (the browser then withholds the response; unsafe methods are refused later by the
 * CSRF and origin check).
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class WebSecurityFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private final transient WebSecurityConfig config;
  private final String allowMethods;
  private final String allowHeaders;
  private final String maxAge;
  private final String frameAncestors;

  /**
   * Creates the filter.
   *
   * @param config the CORS and framing settings
   */
  public WebSecurityFilter(WebSecurityConfig config) {
    this.config = config;
    this.allowMethods = String.join(", ", config.allowedMethods());
    this.allowHeaders = String.join(", ", WebSecurityConfig.ALLOWED_HEADERS);
    this.maxAge = Long.toString(config.preflightMaxAge().toSeconds());
    this.frameAncestors =
        config.frameAncestors().isEmpty()
            ? "frame-ancestors 'none'"
            : "frame-ancestors 'self' " + String.join(" ", config.frameAncestors());
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "no-referrer");
    resp.setHeader("Content-Security-Policy", frameAncestors);
    if (config.frameAncestors().isEmpty()) {
      resp.setHeader("X-Frame-Options", "DENY");
    }
    if (!config.allowedOrigins().isEmpty()) {
      resp.addHeader("Vary", "Origin");
      String origin = req.getHeader("Origin");
      boolean allowed = origin != null && config.allowedOrigins().contains(origin);
      boolean preflight =
          "OPTIONS".equals(req.getMethod())
              && origin != null
              && req.getHeader("Access-Control-Request-Method") != null;
      if (allowed) {
        resp.setHeader("Access-Control-Allow-Origin", origin);
        resp.setHeader("Access-Control-Allow-Credentials", "true");
        if (preflight) {
          resp.setHeader("Access-Control-Allow-Methods", allowMethods);
          resp.setHeader("Access-Control-Allow-Headers", allowHeaders);
          resp.setHeader("Access-Control-Max-Age", maxAge);
          resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
          return;
        }
      } else if (preflight) {
        Problems.write(
            resp,
            new ProblemException(
                ProblemCode.ORIGIN_FORBIDDEN,
                "origin is not allowed; configure it in the allowed origins"));
        return;
      }
    }
    chain.doFilter(req, resp);
  }
}
