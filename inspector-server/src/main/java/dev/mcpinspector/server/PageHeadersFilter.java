package dev.mcpinspector.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Adds the page's security headers to every static file: the strict {@code
 * Content-Security-Policy}, {@code X-Content-Type-Options: nosniff} (so a script is only ever run
 * with a script content type), no referrer and no framing. The API and the demo MCP endpoint set
 * their own headers and are left alone.
 */
final class PageHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private final String contentSecurityPolicy;

  PageHeadersFilter(String contentSecurityPolicy) {
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (!path.startsWith("/api/") && !path.equals("/api") && !path.startsWith(DemoMcpServer.PATH)) {
      res.setHeader("Content-Security-Policy", contentSecurityPolicy);
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Referrer-Policy", "no-referrer");
      res.setHeader("X-Frame-Options", "DENY");
    }
    chain.doFilter(req, res);
  }
}
