package dev.mcpinspector.servlet.routing;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.servlet.ApiConfig;
import dev.mcpinspector.servlet.problem.Problems;
import dev.mcpinspector.servlet.sse.SseStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /api/*} servlet: routes, maps every failure to a problem response and never lets an
 * exception reach the container (whose error pages could show a stack trace).
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class ApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);

  private final transient RouteTable router;
  private final transient ApiConfig config;
  private final transient ScheduledExecutorService scheduler;

  /**
   * Creates the servlet.
   *
   * @param router the routes
   * @param config body limit and SSE settings
   * @param scheduler runs SSE heartbeats and writes; not shut down by the servlet
   */
  public ApiServlet(RouteTable router, ApiConfig config, ScheduledExecutorService scheduler) {
    this.router = router;
    this.config = config;
    this.scheduler = scheduler;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) {
    resp.setHeader("Cache-Control", "no-store");
    String method = req.getMethod();
    ServletExchange exchange = null;
    try {
      String rawPath = rawPathBelowServlet(req);
      List<String> segments = UriText.segments(rawPath);
      RouteTable.Resolution resolution = router.resolve(method, segments);
      if (resolution instanceof RouteTable.Found found) {
        exchange =
            new ServletExchange(
                req, resp, "/" + String.join("/", segments), found.params(), config, scheduler);
        found.route().handler().handle(exchange);
      } else if (resolution instanceof RouteTable.WrongMethod wrong) {
        if ("OPTIONS".equals(method)) {
          resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
          resp.setHeader("Allow", wrong.allow());
        } else {
          throw new ProblemException(
              ProblemCode.METHOD_NOT_ALLOWED,
              method + " is not allowed on this path; allowed: " + wrong.allow(),
              Map.of("Allow", wrong.allow()));
        }
      } else {
        throw new ProblemException(ProblemCode.NOT_FOUND, "no API route matches this path");
      }
    } catch (ProblemException e) {
      fail(req, resp, exchange, e, null);
    } catch (IOException e) {
      // Almost always the client going away mid-response.
      log.debug("I/O error on {} {}", method, req.getRequestURI(), e);
      fail(req, resp, exchange, Problems.internalError(), null);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      log.error("Unhandled error on {} {}", method, req.getRequestURI(), e);
      fail(req, resp, exchange, Problems.internalError(), e);
    }
  }

  private static void fail(
      HttpServletRequest req,
      HttpServletResponse resp,
      ServletExchange exchange,
      ProblemException problem,
      Throwable cause) {
    SseStream stream = exchange == null ? null : exchange.stream();
    if (stream != null) {
      // The handler failed after handing the response to a stream: end it, nothing else to send.
      stream.end("handler failed after starting the stream", cause);
      return;
    }
    Problems.write(resp, problem);
    if (req.isAsyncStarted()) {
      try {
        req.getAsyncContext().complete();
      } catch (IllegalStateException e) {
        log.debug("async context already completed", e);
      }
    }
  }

  /**
   * The raw (still percent-encoded) path below the servlet mapping, from the request URI, so that
   * an encoded {@code /} in a parameter cannot change which route matches.
   */
  static String rawPathBelowServlet(HttpServletRequest req) {
    String uri = req.getRequestURI();
    String prefix = req.getContextPath() + req.getServletPath();
    if (!uri.startsWith(prefix)) {
      // The client encoded a character of the context or servlet path; never guess.
      throw new ProblemException(ProblemCode.NOT_FOUND, "no API route matches this path");
    }
    return uri.substring(prefix.length());
  }
}
