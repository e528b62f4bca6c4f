package dev.mcpinspector.war;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Adds the page's security headers to every static file of the WAR: the strict {@code
 * Content-Security-Policy} the page is written for, {@code X-Content-Type-Options: nosniff}, no
 * referrer and no framing. {@code /api/*} is left to the inspector's own filters. Declared in
 * {@code web.xml}; stateless and thread-safe.
 */
public final class PageHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** The policy: nothing but the page's own files, no inline code, no framing. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /** Created by the container from {@code web.xml}. */
  public PageHeadersFilter() {}

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (!path.equals("/api") && !path.startsWith("/api/")) {
      res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Referrer-Policy", "no-referrer");
      res.setHeader("X-Frame-Options", "DENY");
    }
    chain.doFilter(req, res);
  }
}
