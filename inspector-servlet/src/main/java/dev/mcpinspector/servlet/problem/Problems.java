package dev.mcpinspector.servlet.problem;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.servlet.json.ApiJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code application/problem+json} responses (RFC 9457) with our stable {@code code}.
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";
  static final String INTERNAL_DETAIL =
      "The server failed to process the request. The error was logged.";

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /**
   * Writes the problem unless the response is already committed. Headers set earlier (cookies,
   * CORS) are kept; a partly written body is discarded.
   *
   * @param resp the response
   * @param problem the problem to send
   * @return false when the response was committed and nothing could be written
   */
  public static boolean write(HttpServletResponse resp, ProblemException problem) {
    if (resp.isCommitted()) {
      log.debug("cannot send problem {}: response already committed", problem.problem().code());
      return false;
    }
    resp.resetBuffer();
    ProblemCode code = problem.problem();
    resp.setStatus(code.status());
    resp.setContentType(CONTENT_TYPE);
    resp.setHeader("Cache-Control", "no-store");
    problem.headers().forEach(resp::setHeader);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", code.type());
    body.put("title", code.title());
    body.put("status", code.status());
    body.put("detail", problem.detail());
    body.put("code", code.code());
    try {
      byte[] bytes = ApiJson.mapper().writeValueAsBytes(body);
      resp.setContentLength(bytes.length);
      resp.getOutputStream().write(bytes);
    } catch (IOException e) {
      log.debug("client went away before the problem response was written", e);
    }
    return true;
  }

  /**
   * The problem sent for a failure of ours: a 500 {@code internal_error} whose detail reveals
   * nothing; the cause is logged where it was caught.
   *
   * @return the problem
   */
  public static ProblemException internalError() {
    return new ProblemException(ProblemCode.INTERNAL_ERROR, INTERNAL_DETAIL);
  }
}
