package dev.mcpinspector.servlet;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@code application/problem+json} responses (RFC 9457) with our stable {@code code}. */
final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";
  static final String INTERNAL_DETAIL =
      "The server failed to process the request. The error was logged.";

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /**
   * Writes the problem unless the response is already committed. Headers set earlier (cookies,
   * CORS) are kept; a partly written body is discarded.
   *
   * @return false when the response was committed and nothing could be written
   */
  static boolean write(HttpServletResponse resp, ProblemException problem) {
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

  static ProblemException internalError() {
    return new ProblemException(ProblemCode.INTERNAL_ERROR, INTERNAL_DETAIL);
  }
}
